//! The practical limit of an event engine on M/M/1: a bare
//! `std::collections::BinaryHeap` ordered by (time, sequence), nothing else.
//!
//! Same system as benches/scenarios/mm1.toml (arrivals 0.8/h, service exp(1 h),
//! 2,000 days) and the same generator as ktpsim (ChaCha8), so that the gap to
//! ktpsim's events/s is the cost of the engine and model, not of the numbers.
//!
//! ```text
//! bare_heap [REPLICATIONS]   prints one `key=value` line (benches/peers/run.sh reads it)
//! ```

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, Exp};

const HORIZON_H: f64 = 2000.0 * 24.0;
const ARRIVAL_RATE: f64 = 0.8; // per hour
const SERVICE_RATE: f64 = 1.0; // per hour

/// f64 times are finite and non-negative here, so their bit patterns order like
/// the numbers; this keeps the heap key a plain integer pair.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    time_bits: u64,
    seq: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Arrival,
    Departure,
}

/// One replication; returns the number of events handled.
fn replicate(seed: u64) -> u64 {
    let mut arrivals_rng = ChaCha8Rng::seed_from_u64(seed);
    let mut service_rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let inter = Exp::new(ARRIVAL_RATE).expect("positive rate");
    let service = Exp::new(SERVICE_RATE).expect("positive rate");
    let mut heap: BinaryHeap<Reverse<(Key, Kind)>> = BinaryHeap::with_capacity(16);
    let mut seq = 0u64;
    let mut push = |heap: &mut BinaryHeap<_>, t: f64, kind| {
        heap.push(Reverse((
            Key {
                time_bits: t.to_bits(),
                seq,
            },
            kind,
        )));
        seq += 1;
    };
    push(&mut heap, inter.sample(&mut arrivals_rng), Kind::Arrival);
    let mut in_system = 0u64;
    let mut events = 0u64;
    while let Some(Reverse((key, kind))) = heap.pop() {
        let now = f64::from_bits(key.time_bits);
        if now > HORIZON_H {
            break;
        }
        events += 1;
        match kind {
            Kind::Arrival => {
                in_system += 1;
                if in_system == 1 {
                    push(
                        &mut heap,
                        now + service.sample(&mut service_rng),
                        Kind::Departure,
                    );
                }
                push(
                    &mut heap,
                    now + inter.sample(&mut arrivals_rng),
                    Kind::Arrival,
                );
            }
            Kind::Departure => {
                in_system -= 1;
                if in_system > 0 {
                    push(
                        &mut heap,
                        now + service.sample(&mut service_rng),
                        Kind::Departure,
                    );
                }
            }
        }
    }
    events
}

fn main() {
    // `cargo bench` appends `--bench`; ignore flags.
    let replications: u64 = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map_or(20, |s| s.parse().expect("REPLICATIONS: a number"));
    let started = Instant::now();
    let events: u64 = (0..replications).map(replicate).sum();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "bare_heap replications={replications} events={events} seconds={secs:.4} events_per_s={:.0}",
        events as f64 / secs
    );
}
