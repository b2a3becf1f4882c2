//! What is made of a run's findings before they are rendered: stable
//! [`fingerprint`]s, the [`baseline`] of accepted findings, the lines a
//! change touched ([`changes`]), the fixtures of `promiselint test`
//! ([`expect`]), the promises × touchpoints [`audit`], and the [`fix`]es
//! for broken figures.

pub mod audit;
pub mod baseline;
pub mod changes;
pub mod expect;
pub mod fingerprint;
pub mod fix;
