//! Fuzz target: scenario text that validates must also run. Whatever passed
//! validation, one replication must finish without a panic and keep blanks used
//! = printed + rejects. Scenarios whose estimated work is large are skipped (the
//! command line refuses or warns about those before running; see
//! `ktpsim::model::workload`), so that every input stays fast.
#![no_main]

use std::path::PathBuf;

use ktpsim::model::Model;
use ktpsim::model::workload::Workload;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scenarios/fuzz-input.toml");
    let Ok(scenario) = ktpsim::scenario::load_str(text, &path) else {
        return;
    };
    let model = Model::new(&scenario);
    let work = Workload::of(&model);
    if !(work.events < 2e5 && work.bytes < 1e8) {
        return;
    }
    let outcome = model.replicate(0);
    assert_eq!(outcome.blanks_used, outcome.printed + outcome.rejects);
    assert!(outcome.end <= scenario.horizon);
});
