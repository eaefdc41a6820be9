//! Criterion benchmarks of the engine (`cargo bench --bench engine`).
//!
//! - `event_queue/hold_1000`: the classic hold model on [`EventQueue`] alone: pop the
//!   earliest of 1,000 pending events and schedule one a random increment later.
//! - `mm1/replication`: an M/M/1 queue written as a scenario
//!   (benches/scenarios/mm1.toml); events = arrivals + completions.
//! - `scenarios/<file>`: one replication of each bundled scenario in scenarios/.
//!
//! Sample sizes and times are kept small so that the whole run takes a few minutes
//! on two cores: these are for spotting regressions, not for publication
//! (results/benchmarks.md takes its numbers from benches/peers/run.sh).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ktpsim::engine::EventQueue;
use ktpsim::model::Model;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, Exp};

const PENDING: usize = 1_000;
const HOLDS_PER_ITER: u64 = 10_000;
/// Increments are drawn once, so the bench times the queue, not the generator.
const INCREMENTS: usize = 4_096;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> Model {
    let scenario =
        ktpsim::scenario::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Model::new(&scenario)
}

fn event_queue(c: &mut Criterion) {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let exp = Exp::new(1.0).expect("positive rate");
    let increments: Vec<f64> = (0..INCREMENTS).map(|_| exp.sample(&mut rng)).collect();
    let mut queue = EventQueue::new();
    for (k, dt) in increments.iter().take(PENDING).enumerate() {
        queue.schedule(*dt, k as u32);
    }
    let mut next = 0usize;
    let mut group = c.benchmark_group("event_queue");
    group.throughput(Throughput::Elements(HOLDS_PER_ITER));
    group.bench_function("hold_1000", |b| {
        b.iter(|| {
            for _ in 0..HOLDS_PER_ITER {
                let (t, e) = queue.pop().expect("the queue never empties");
                queue.schedule(t + increments[next], e);
                next = (next + 1) % INCREMENTS;
            }
        });
    });
    group.finish();
    assert_eq!(queue.len(), PENDING);
}

fn mm1(c: &mut Criterion) {
    let model = load(&root().join("benches/scenarios/mm1.toml"));
    // Replications differ by a few percent in length; the first sets the count.
    let o = model.replicate(0);
    let events = o.recorded + o.printed + o.rejects;
    let mut group = c.benchmark_group("mm1");
    group.throughput(Throughput::Elements(events));
    let mut i = 0u64;
    group.bench_function("replication", |b| {
        b.iter(|| {
            i += 1;
            black_box(model.replicate(i % 16))
        });
    });
    group.finish();
}

fn bundled_scenarios(c: &mut Criterion) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut group = c.benchmark_group("scenarios");
    for file in files {
        let model = load(&file);
        let name = file.file_stem().expect("a file name").to_string_lossy();
        let mut i = 0u64;
        group.bench_function(name.as_ref(), |b| {
            b.iter(|| {
                i += 1;
                black_box(model.replicate(i % 16))
            });
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = event_queue, mm1, bundled_scenarios
}
criterion_main!(benches);
