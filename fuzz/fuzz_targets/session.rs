//! A session file's text, checked against a fixed key: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let key = joined_up::session::file::Key::from_secret([5; 32]);
    let text = String::from_utf8_lossy(data);
    let _ = joined_up::session::SessionFile::from_text_with("fuzz.session.ron", &text, Some(&key));
});
