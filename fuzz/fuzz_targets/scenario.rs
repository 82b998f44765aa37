//! A scenario's bytes through the one loader: never a panic; every problem positioned in the
//! file and printed as one clean line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = String::from_utf8_lossy(data).lines().count().max(1);
    let problems = match joined_up::scenario::load_bytes("fuzz.ron", data) {
        Ok(v) => v.warnings().to_vec(),
        Err(p) => {
            assert!(!p.is_empty(), "refused with no reason");
            p
        }
    };
    for d in problems {
        assert!(d.line >= 1 && d.column >= 1 && d.line <= lines + 1, "{d}");
        let shown = d.to_string();
        assert!(shown.lines().count() <= 2, "{shown:?}");
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
    }
});
