//! The port sweep: plain TCP `connect()` (no root, no raw sockets), many at once.
//!
//! How many connection attempts are in flight is a congestion window, as in TCP: it grows with
//! every answer and halves when a port that stayed silent on the first try answers on a later
//! one (the first attempt or its answer was lost: the path is dropping packets). How long an
//! attempt may wait is a retransmission timeout computed from the measured round trips
//! (RFC 6298: smoothed RTT plus four times its variation), so a scan adapts to loopback,
//! a LAN and a WAN with tens of milliseconds of RTT and some loss alike.
//!
//! A port is *open* when the handshake completes, *closed* when the host refuses (RST),
//! *filtered* when nothing answers after every try or an ICMP error says it is unreachable.

use std::collections::{HashMap, VecDeque};
use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::net::TcpSocket;
use tokio::task::JoinSet;

use crate::ports::Ports;

/// What a port answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Open,
    Closed,
    Filtered,
}

/// Why a port was given its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The handshake completed.
    SynAck,
    /// The host answered with a reset.
    Reset,
    /// An ICMP error: host, network or port unreachable, or administratively prohibited.
    Unreachable,
    /// No answer to any try.
    NoResponse,
}

/// One port of one address.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PortState {
    pub address: IpAddr,
    pub port: u16,
    pub state: State,
    pub reason: Reason,
    /// The round trip of the answer, when there was one.
    #[serde(skip)]
    pub rtt: Option<Duration>,
}

/// How hard the sweep may push.
#[derive(Debug, Clone)]
pub struct Config {
    /// The most connection attempts in flight (also bounded by the open-file limit).
    pub max_parallel: usize,
    /// The window at the start.
    pub initial_parallel: usize,
    /// New connection attempts per second at most (0: no limit).
    pub rate: u32,
    /// How long the first attempts wait, before any round trip was measured.
    pub initial_timeout: Duration,
    pub min_timeout: Duration,
    pub max_timeout: Duration,
    /// Tries of a silent port before it counts as filtered.
    pub tries: u8,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_parallel: 4096,
            initial_parallel: 128,
            rate: 10_000,
            initial_timeout: Duration::from_secs(1),
            min_timeout: Duration::from_millis(100),
            max_timeout: Duration::from_secs(3),
            tries: 3,
        }
    }
}

/// Figures about how the sweep went.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub attempts: u64,
    pub retries: u64,
    /// Ports silent at first that answered on a later try (evidence of loss).
    pub late_answers: u64,
    pub largest_window: usize,
    pub final_timeout_ms: u64,
    pub elapsed_ms: u64,
}

/// The sweep's result: every port of every address, and how it went.
#[derive(Debug, Clone, Default)]
pub struct Sweep {
    pub ports: Vec<PortState>,
    pub stats: Stats,
}

/// Round-trip estimate (RFC 6298).
struct Rto {
    srtt: Option<f64>,
    rttvar: f64,
    min: f64,
    max: f64,
    initial: f64,
}

impl Rto {
    fn sample(&mut self, rtt: Duration) {
        let r = rtt.as_secs_f64();
        match self.srtt {
            None => {
                self.srtt = Some(r);
                self.rttvar = r / 2.0;
            }
            Some(s) => {
                self.rttvar = 0.75 * self.rttvar + 0.25 * (s - r).abs();
                self.srtt = Some(0.875 * s + 0.125 * r);
            }
        }
    }

    fn timeout(&self) -> Duration {
        let t = match self.srtt {
            None => self.initial,
            Some(s) => (s + 4.0 * self.rttvar).clamp(self.min, self.max),
        };
        Duration::from_secs_f64(t)
    }
}

/// The open-file limit less what the rest of the program needs.
fn fd_budget() -> usize {
    let soft = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|l| {
            l.lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(1024usize);
    soft.saturating_sub(128).max(32)
}

/// What one attempt found.
enum Outcome {
    Answer(State, Reason, Duration),
    Silent,
    /// The local side ran out of something (ports, files): try again later, more gently.
    Local,
}

async fn attempt(addr: SocketAddr, timeout: Duration) -> Outcome {
    let socket = match if addr.is_ipv4() {
        TcpSocket::new_v4()
    } else {
        TcpSocket::new_v6()
    } {
        Ok(s) => s,
        Err(_) => return Outcome::Local,
    };
    let started = Instant::now();
    match tokio::time::timeout(timeout, socket.connect(addr)).await {
        Err(_) => Outcome::Silent,
        Ok(Ok(stream)) => {
            let rtt = started.elapsed();
            // On loopback the kernel may pick the target port itself as the local port and
            // connect the socket to itself (TCP simultaneous open): nobody is listening there.
            if stream.local_addr().ok() == Some(addr) {
                return Outcome::Answer(State::Closed, Reason::Reset, rtt);
            }
            Outcome::Answer(State::Open, Reason::SynAck, rtt)
        }
        Ok(Err(e)) => {
            let rtt = started.elapsed();
            match e.kind() {
                ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset => {
                    Outcome::Answer(State::Closed, Reason::Reset, rtt)
                }
                ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
                    Outcome::Answer(State::Filtered, Reason::Unreachable, rtt)
                }
                ErrorKind::TimedOut => Outcome::Silent,
                ErrorKind::AddrNotAvailable | ErrorKind::AddrInUse | ErrorKind::OutOfMemory => {
                    Outcome::Local
                }
                _ => match e.raw_os_error() {
                    // EMFILE, ENFILE, ENOBUFS
                    Some(24 | 23 | 105) => Outcome::Local,
                    // EACCES/EPERM: a local firewall refused to send; EHOSTDOWN
                    Some(13 | 1 | 112) => {
                        Outcome::Answer(State::Filtered, Reason::Unreachable, rtt)
                    }
                    _ => Outcome::Silent,
                },
            }
        }
    }
}

/// One queued try of one port.
#[derive(Clone, Copy)]
struct Job {
    addr: SocketAddr,
    try_no: u8,
    /// The window generation when it was sent (a late answer only shrinks the window once per
    /// generation, as TCP reacts to one loss event per round trip).
    generation: u64,
}

/// The congestion window: how many attempts may be in flight.
struct Window {
    size: f64,
    threshold: f64,
    ceiling: f64,
    /// Bumped at every shrink, so one loss event shrinks the window once.
    generation: u64,
}

impl Window {
    /// An answer: grow (doubling per round trip below the threshold, by one per round trip
    /// above it); an answer that needed a retry means loss: halve, once per generation.
    fn answered(&mut self, job: &Job, stats: &mut Stats) {
        if job.try_no > 1 {
            stats.late_answers += 1;
            if job.generation == self.generation {
                self.generation += 1;
                self.threshold = (self.size / 2.0).max(4.0);
                self.size = self.threshold;
            }
        } else if self.size < self.threshold {
            self.size = (self.size + 1.0).min(self.ceiling);
        } else {
            self.silent();
        }
    }

    /// Silence alone is no congestion signal (filtered ports are always silent).
    fn silent(&mut self) {
        self.size = (self.size + 1.0 / self.size).min(self.ceiling);
    }

    /// The local side ran out of sockets or ports.
    fn starved(&mut self) {
        self.size = (self.size / 2.0).max(8.0);
    }
}

fn state(job: &Job, state: State, reason: Reason, rtt: Option<Duration>) -> PortState {
    PortState {
        address: job.addr.ip(),
        port: job.addr.port(),
        state,
        reason,
        rtt,
    }
}

/// Sweeps every port of every address.
pub async fn sweep(addresses: &[IpAddr], ports: &Ports, cfg: &Config) -> Sweep {
    let started = Instant::now();
    let mut queue: VecDeque<Job> = VecDeque::with_capacity(addresses.len() * ports.len());
    // Ports first, then addresses: consecutive attempts go to different hosts of a range.
    for &p in ports.as_slice() {
        for &a in addresses {
            queue.push_back(Job {
                addr: SocketAddr::new(a, p),
                try_no: 1,
                generation: 0,
            });
        }
    }
    let mut rto = Rto {
        srtt: None,
        rttvar: 0.0,
        min: cfg.min_timeout.as_secs_f64(),
        max: cfg.max_timeout.as_secs_f64(),
        initial: cfg.initial_timeout.as_secs_f64(),
    };
    let ceiling = cfg.max_parallel.min(fd_budget()).max(1);
    let mut window = Window {
        size: cfg.initial_parallel.min(ceiling).max(1) as f64,
        threshold: ceiling as f64,
        ceiling: ceiling as f64,
        generation: 0,
    };
    let mut stats = Stats::default();
    let mut results: HashMap<SocketAddr, PortState> = HashMap::new();
    let mut set: JoinSet<(Job, Outcome)> = JoinSet::new();
    let mut pacer = Pacer::new(cfg.rate);
    loop {
        while (set.len() as f64) < window.size.floor() && !queue.is_empty() {
            pacer.wait().await;
            let Some(job) = queue.pop_front() else { break };
            let job = Job {
                generation: window.generation,
                ..job
            };
            let timeout = rto.timeout();
            stats.attempts += 1;
            set.spawn(async move { (job, attempt(job.addr, timeout).await) });
        }
        let Some(done) = set.join_next().await else {
            break;
        };
        let Ok((job, outcome)) = done else { continue };
        match outcome {
            Outcome::Answer(st, reason, rtt) => {
                if reason != Reason::Unreachable {
                    rto.sample(rtt);
                }
                window.answered(&job, &mut stats);
                results.insert(job.addr, state(&job, st, reason, Some(rtt)));
            }
            Outcome::Silent if job.try_no < cfg.tries => {
                stats.retries += 1;
                queue.push_back(Job {
                    try_no: job.try_no + 1,
                    ..job
                });
                window.silent();
            }
            Outcome::Silent => {
                window.silent();
                results.insert(
                    job.addr,
                    state(&job, State::Filtered, Reason::NoResponse, None),
                );
            }
            Outcome::Local => {
                window.starved();
                queue.push_front(job);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        stats.largest_window = stats.largest_window.max(window.size as usize);
    }
    let mut ports: Vec<PortState> = results.into_values().collect();
    ports.sort_by_key(|p| (p.address, p.port));
    stats.final_timeout_ms = u64::try_from(rto.timeout().as_millis()).unwrap_or(u64::MAX);
    stats.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Sweep { ports, stats }
}

/// Spaces connection attempts to at most `rate` per second (in bursts of a millisecond's worth).
struct Pacer {
    rate: u32,
    started: Instant,
    sent: u64,
}

impl Pacer {
    fn new(rate: u32) -> Pacer {
        Pacer {
            rate,
            started: Instant::now(),
            sent: 0,
        }
    }

    async fn wait(&mut self) {
        if self.rate == 0 {
            return;
        }
        self.sent += 1;
        let due = Duration::from_secs_f64(self.sent as f64 / f64::from(self.rate));
        let now = self.started.elapsed();
        if due > now + Duration::from_millis(1) {
            tokio::time::sleep(due - now).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6298: the first sample sets SRTT = R and RTTVAR = R/2; later ones smooth with 1/8
    /// and 1/4; the timeout is SRTT + 4·RTTVAR within the bounds.
    #[test]
    fn timeouts_follow_the_measured_round_trips() {
        let mut r = Rto {
            srtt: None,
            rttvar: 0.0,
            min: 0.1,
            max: 3.0,
            initial: 1.0,
        };
        assert_eq!(r.timeout(), Duration::from_secs(1));
        r.sample(Duration::from_millis(40));
        // 40 + 4·20 = 120 ms
        assert_eq!(r.timeout().as_millis(), 120);
        for _ in 0..50 {
            r.sample(Duration::from_millis(40));
        }
        // A steady 40 ms WAN settles at the 100 ms floor; a jittery one rises above it.
        assert_eq!(r.timeout().as_millis(), 100);
        for i in 0..50 {
            r.sample(Duration::from_millis(if i % 2 == 0 { 20 } else { 200 }));
        }
        let t = r.timeout().as_millis();
        assert!(t > 300 && t < 1000, "{t}");
        r.sample(Duration::from_secs(30));
        assert_eq!(r.timeout(), Duration::from_secs(3));
    }
}
