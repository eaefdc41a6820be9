//! The discrete-event engine: the event queue and the random streams.
//!
//! It knows nothing of e-KTP printing. The model (src/model/) puts its own
//! event type on the [`EventQueue`] and draws from [`streams`].

pub mod queue;
pub mod streams;

pub use queue::EventQueue;
