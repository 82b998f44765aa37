// Validates xAPI statements (one JSON object a line, on standard input) with Learning Locker's
// own validator, the rule its LRS applies. Prints each problem and exits 1 if there is any.
// Usage: NODE_PATH=DIR/node_modules node validate.js < statements.jsonl
'use strict';
const validate = require('@learninglocker/xapi-validation').default;

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const lines = input.split('\n').filter((l) => l.trim() !== '');
  let bad = 0;
  lines.forEach((line, i) => {
    let statement;
    try {
      statement = JSON.parse(line);
    } catch (e) {
      console.log(`line ${i + 1}: not JSON: ${e.message}`);
      bad += 1;
      return;
    }
    const warnings = validate(statement);
    for (const w of warnings) {
      console.log(`line ${i + 1}: ${w.constructor.name} at ${w.path.join('.')}`);
    }
    if (warnings.length > 0) bad += 1;
  });
  console.log(`${lines.length} statements, ${bad} invalid`);
  process.exit(bad === 0 && lines.length > 0 ? 0 : 1);
});
