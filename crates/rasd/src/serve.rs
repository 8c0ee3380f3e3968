//! `rasd serve`: the HTTP API and the dashboard over an event database.

use anyhow::Result;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// The event database (created, empty, if missing; fill it with
    /// `rasd ingest` or POST /api/articles).
    #[arg(long, value_name = "FILE", default_value = "rasd.db")]
    pub db: PathBuf,
    /// Address to listen on; port 0 picks a free port (the address is printed).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Bearer token for writes (POST /api/articles); defaults to the
    /// RASD_TOKEN environment variable. Without one, writing is disabled.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Require the token for reads too (needed when listening beyond loopback).
    #[arg(long)]
    pub protect_reads: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = rasd_server::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Online map tiles for the dashboard, e.g. https://tile.example.org/{z}/{x}/{y}.png.
    /// Without it the map draws the embedded country outlines (no network).
    #[arg(long, value_name = "URL")]
    pub tile_url: Option<String>,
    /// Attribution shown under the tiles.
    #[arg(long, value_name = "TEXT")]
    pub tile_attribution: Option<String>,
    #[command(flatten)]
    pub knowledge: crate::cmd::KnowledgeArgs,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let kb = args.knowledge.load()?;
    let token = args
        .token
        .or_else(|| std::env::var("RASD_TOKEN").ok())
        .filter(|t| !t.is_empty());
    if args.protect_reads && token.is_none() {
        anyhow::bail!("--protect-reads needs a token: give --token or set RASD_TOKEN");
    }
    let config = rasd_server::ServerConfig {
        token,
        protect_reads: args.protect_reads,
        max_body_bytes: args.max_body_bytes,
        tile_url: args.tile_url,
        tile_attribution: args.tile_attribution,
        ..rasd_server::ServerConfig::new(args.db, args.bind)
    };
    rasd_server::run(config, kb)?;
    Ok(ExitCode::SUCCESS)
}
