#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| promiselint_fuzz::properties::promise(data));
