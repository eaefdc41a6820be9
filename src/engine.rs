//! The discrete-event engine: the event queue, the random streams and the
//! executor that runs replications in parallel.
//!
//! It knows nothing of e-KTP printing. The model (src/model/) puts its own
//! event type on the [`EventQueue`] and draws from [`streams`]; the runner and
//! the deciding commands hand their replications to an
//! [`executor::Executor`].

pub mod executor;
pub mod queue;
pub mod streams;

pub use queue::EventQueue;
