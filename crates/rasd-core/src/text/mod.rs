//! Text stages: folding with an offset map, tokens, sentences, clitics.

mod normalize;
mod tokenize;

pub use normalize::{fold, normalize, Normalized};
pub use tokenize::{
    is_proclitic, proclitic_splits, tokenize, ProcliticSplit, Sentence, Token, TokenKind,
};
