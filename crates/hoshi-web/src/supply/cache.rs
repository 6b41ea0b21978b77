//! The per-buyer portfolio cache, keyed by the store's portfolio generation and the date.

use std::sync::Arc;

use hoshi_store::supply::{self};

use super::portfolio::{Line, line, today_and_soon};
use crate::Shared;
use crate::kernel::error::AppResult;

/// A buyer's portfolio as computed at a store generation on a date.
#[derive(Clone)]
pub struct CachedPortfolio {
    generation: i64,
    today: String,
    loaded: Arc<Loaded>,
}

/// What the portfolio pages and exports read: every line, and the archived suppliers.
pub(super) struct Loaded {
    pub lines: Vec<Line>,
    /// (relationship id, supplier name) of the archived suppliers.
    pub archived: Vec<(String, String)>,
}

/// Buyers whose portfolios are kept in memory at most (the least recently computed go first).
const CACHED_BUYERS: usize = 256;

/// The cached portfolio if it is at least as new as `generation` (generations only grow).
fn cached(state: &Shared, org_id: &str, generation: i64, today: &str) -> Option<Arc<Loaded>> {
    let map = state.portfolios.lock().unwrap_or_else(|p| p.into_inner());
    map.get(org_id)
        .filter(|c| c.generation >= generation && c.today == today)
        .map(|c| c.loaded.clone())
}

/// Every line of a buyer's portfolio. Reading the whole portfolio of 10,000 suppliers takes tens
/// of milliseconds, so the result is kept and reused until the store's portfolio generation (bumped
/// by triggers on every relevant change, by any writer) or the date moves. Checking the generation
/// is one tiny query, so a change is visible on the very next request.
/// The shared assessment's progress in percent, when the supplier shares at least a summary.
fn progress_of(state: &Shared, r: &hoshi_store::supply::PortfolioRow) -> Option<u32> {
    if r.scope? < hoshi_store::supply::Scope::Summary {
        return None;
    }
    let c = state.catalogs().shared(r.assessment_pin.as_deref()?)?;
    let total = c.criteria_for_level(r.assessment_level?).count();
    (total > 0).then(|| {
        let done = usize::try_from(r.done_answers).unwrap_or(0).min(total);
        u32::try_from(done * 100 / total).unwrap_or(100)
    })
}

pub(super) async fn load(state: &Shared, buyer: &hoshi_store::OrgScope) -> AppResult<Arc<Loaded>> {
    let org_id = buyer.org_id();
    let scope = buyer.clone();
    let generation = state
        .db(move |s| s.read(|c| supply::portfolio_generation(c, &scope)))
        .await?;
    let (today, soon) = today_and_soon();
    if let Some(lines) = cached(state, org_id, generation, &today) {
        return Ok(lines);
    }
    let flight = {
        let mut f = state
            .portfolio_flights
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if f.len() > CACHED_BUYERS * 4 {
            f.retain(|_, m| Arc::strong_count(m) > 1);
        }
        f.entry(org_id.to_string()).or_default().clone()
    };
    let _one = flight.lock().await;
    // Someone else may have computed it (at this generation or later) while we waited.
    if let Some(lines) = cached(state, org_id, generation, &today) {
        return Ok(lines);
    }
    let scope = buyer.clone();
    // The generation is read in the same snapshot as the rows, so the tag is never newer than
    // the data it labels.
    let snap = state
        .db(move |s| s.read(|c| supply::portfolio_snapshot(c, &scope)))
        .await?;
    let generation = snap.generation;
    let lines = snap
        .rows
        .into_iter()
        .map(|r| {
            let progress = progress_of(state, &r);
            Line {
                progress,
                ..line(r, &today, &soon)
            }
        })
        .collect();
    let archived = snap
        .archived
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    let loaded = Arc::new(Loaded { lines, archived });
    let mut map = state.portfolios.lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= CACHED_BUYERS && !map.contains_key(org_id) {
        map.clear();
    }
    map.insert(
        org_id.to_string(),
        CachedPortfolio {
            generation,
            today,
            loaded: loaded.clone(),
        },
    );
    Ok(loaded)
}
