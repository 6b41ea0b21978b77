//! Times the steps of `hoshi vulns check` on an imported index: reading the SBOM, loading the
//! index, matching. `cargo run --release -p hoshi-vulns --example bench_check -- DB_DIR SBOM
//! [RUNS]`; used by `scripts/bench-vulns`. Prints one JSON line with the median of each step
//! (`HOSHI_BENCH_FULL=1`: load every record, as without `keys.tsv`).

use std::path::Path;
use std::time::Instant;

use hoshi_vulns::check::Data;
use hoshi_vulns::sbom::Component;

fn read_opt(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(sbom)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bench_check DB_DIR SBOM [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let dir = Path::new(db);
    let (mut t_sbom, mut t_load, mut t_check) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    let mut components = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let bytes = std::fs::read(sbom).expect("SBOM");
        let comps = hoshi_vulns::sbom::cyclonedx_json(&bytes).expect("CycloneDX JSON");
        t_sbom.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let data = load(dir, &comps);
        t_load.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let found = data.check(&comps, "2026-12-03");
        t_check.push(t.elapsed().as_secs_f64());
        findings = found.len();
        components = comps.len();
    }
    println!(
        "{{\"components\":{components},\"findings\":{findings},\"sbom_ms\":{:.1},\"load_ms\":{:.1},\"check_ms\":{:.1}}}",
        median(t_sbom) * 1e3,
        median(t_load) * 1e3,
        median(t_check) * 1e3
    );
}

/// As `hoshi vulns check` loads: by `keys.tsv` the records of the components' packages only,
/// else (no keys file, or `HOSHI_BENCH_FULL` set) every record.
fn load(dir: &Path, comps: &[Component]) -> Data {
    use hoshi_vulns::index;
    let kev = read_opt(&dir.join("kev.json"));
    let epss = read_opt(&dir.join("epss.csv"));
    let size = |n: &str| std::fs::metadata(dir.join(n)).map_or(0, |m| m.len());
    let open = |n: &str| std::fs::File::open(dir.join(n)).ok();
    if std::env::var_os("HOSHI_BENCH_FULL").is_none()
        && let Some(keys) = read_opt(&dir.join("keys.tsv"))
        && let Some(sel) = index::select(&keys, size("osv.jsonl"), size("nvd.jsonl"), comps)
        && let Some(lines) =
            index::read_selected(&sel, open("osv.jsonl").as_mut(), open("nvd.jsonl").as_mut())
                .expect("records")
    {
        let osv = lines.osv.iter().map(Vec::as_slice);
        let nvd = lines.nvd.iter().map(Vec::as_slice);
        return index::data_from(osv, nvd, kev.as_deref(), epss.as_deref()).expect("index");
    }
    let osv = read_opt(&dir.join("osv.jsonl")).unwrap_or_default();
    let nvd = read_opt(&dir.join("nvd.jsonl")).unwrap_or_default();
    index::Index::load(&osv, &nvd, kev.as_deref(), epss.as_deref())
        .and_then(|ix| ix.data())
        .expect("index")
}
