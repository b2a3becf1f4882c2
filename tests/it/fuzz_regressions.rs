//! Every input the fuzzers found a bug with, replayed on stable through the
//! same property the fuzz target checks: `fuzz/regressions/<target>/<file>`.
//! The properties are `fuzz/src/properties.rs`, included here as they are,
//! so a fuzz target and its regression test cannot drift apart.

#[path = "../../fuzz/src/properties.rs"]
mod properties;

use std::path::Path;

#[test]
fn every_regression_input_keeps_its_property() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for (target, property) in properties::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|entry| entry.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            eprintln!("{target}: {}", path.display());
            property(&data);
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression under {}", root.display());
}
