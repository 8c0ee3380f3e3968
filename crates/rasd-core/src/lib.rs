//! rasd-core: Arabic news text in, ACLED-style conflict events out.
pub mod dates;
pub mod numbers;
mod span;
pub mod text;

pub use span::Span;
pub use text::Normalized;
