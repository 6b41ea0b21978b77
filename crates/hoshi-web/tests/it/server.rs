//! The accept loop under abuse: silent and slow connections are closed, the number of open
//! connections is capped, and ordinary requests still work. Real sockets on loopback.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use hoshi_web::server::listen::{Limits, serve};

use crate::common::app;

/// Seconds until the server closes `s` (reads until EOF), at most `max`.
fn closed_after(mut s: TcpStream, max: Duration) -> Option<Duration> {
    let start = Instant::now();
    s.set_read_timeout(Some(max)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
}

/// A connection the server accepted and keeps open (nothing read from it for 300 ms).
fn held_open(addr: std::net::SocketAddr) -> TcpStream {
    for _ in 0..20 {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        let mut buf = [0u8; 16];
        match s.read(&mut buf) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return s;
            }
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    panic!("no connection stayed open although fewer than the cap were open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_silent_connections_are_closed_and_capped() {
    let app = app();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = Limits {
        max_connections: 3,
        // Long enough that a connection closed by the cap (at once) is told apart from one
        // closed by this timeout even while the rest of the suite loads both cores.
        header_timeout: Duration::from_secs(3),
        connection_timeout: Duration::from_secs(30),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app.router.clone(), limits, async {
        let _ = stopped.await;
    }));
    let result = tokio::task::spawn_blocking(move || {
        // An ordinary request is answered.
        let mut ok = TcpStream::connect(addr).unwrap();
        ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut reply = String::new();
        ok.read_to_string(&mut reply).unwrap();
        assert!(
            reply.starts_with("HTTP/1.1 200") && reply.ends_with("ok"),
            "{reply}"
        );

        // Silent, and headers sent halfway then nothing: both closed after about three seconds.
        let silent = TcpStream::connect(addr).unwrap();
        let mut slow = TcpStream::connect(addr).unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
        let a = std::thread::spawn(move || closed_after(silent, Duration::from_secs(10)));
        let b = std::thread::spawn(move || closed_after(slow, Duration::from_secs(10)));
        let (a, b) = (a.join().unwrap(), b.join().unwrap());
        for (what, t) in [("silent", a), ("slow headers", b)] {
            let t = t.unwrap_or_else(|| panic!("{what}: still open after 10 s"));
            assert!(t < Duration::from_secs(8), "{what}: closed after {t:?}");
        }

        // Three may be open; the fourth is closed at once.
        // The server may still hold the slot of a connection it just closed for a moment after
        // the client saw the close (the task ends a little later), so each held connection is
        // checked to be open and opened again if it was refused.
        let held: Vec<TcpStream> = (0..3).map(|_| held_open(addr)).collect();
        let fourth = TcpStream::connect(addr).unwrap();
        let t = closed_after(fourth, Duration::from_secs(10)).expect("the fourth was closed");
        assert!(
            t < Duration::from_secs(2),
            "closed after {t:?}, before any timeout (3 s)"
        );
        drop(held);
    })
    .await;
    let _ = stop.send(());
    let _ = server.await;
    result.unwrap();
}
