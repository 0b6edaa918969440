//! Fuzz target `archive`: see crate/tests/fuzz_targets/mod.rs for what it does with the input.
#![no_main]

#[path = "../../crate/tests/fuzz_targets/mod.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = targets::run("archive", data);
});
