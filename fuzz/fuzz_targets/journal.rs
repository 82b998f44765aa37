//! A journal's bytes: never a panic; a recovered journal's records all decode.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = joined_up::session::journal::recover_bytes("fuzz.journal", data);
});
