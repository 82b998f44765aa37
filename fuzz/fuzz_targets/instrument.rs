//! A self-assessment instrument's bytes: never a panic; every problem positioned.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problems) = joined_up::self_assessment::instrument::load_bytes("fuzz.instrument.ron", data) {
        assert!(!problems.is_empty());
        for d in problems {
            assert!(d.line >= 1 && d.column >= 1, "{d}");
        }
    }
});
