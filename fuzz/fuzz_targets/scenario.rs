//! Fuzz target: any bytes as scenario text, through TOML parsing, `extends` and
//! validation. It must answer `Ok` or a `ScenarioError` (never panic, never hang,
//! never allocate without bound), and the error must render.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Beside the bundled scenarios, so that `extends = "bojonegoro-2017.toml"` and
    // friends resolve and the merged documents are validated too.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scenarios/fuzz-input.toml");
    match ktpsim::scenario::load_str(text, &path) {
        Ok(scenario) => {
            // The merged text must read back: `ktpsim check` prints it.
            assert!(!scenario.name.is_empty());
            // Whatever the text, its results folder is one visible folder
            // right under --out.
            let out = std::path::Path::new("out");
            let dir = ktpsim::output::scenario_dir(out, &scenario);
            let mut parts = dir.components();
            assert_eq!(parts.next(), Some(std::path::Component::Normal("out".as_ref())));
            match parts.next() {
                Some(std::path::Component::Normal(name)) => {
                    assert!(!name.to_string_lossy().starts_with('.'));
                }
                other => panic!("{other:?} under --out"),
            }
            assert_eq!(parts.next(), None);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
