//! Memory back to the system after a load peak. glibc's allocator keeps memory freed by a
//! burst of requests (Excel exports, many pages at once) in its per-thread arenas, so the
//! server's resident size stayed at the peak (measured: 61 MB at start, 110–138 MB for good
//! after a peak). A thread asks the allocator every 30 seconds to return what is free; when
//! nothing is free, the call is cheap.

/// How often free memory is handed back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// Starts the trimming thread (glibc only; other allocators give memory back themselves).
pub fn give_back_after_peaks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let started = std::thread::Builder::new()
            .name("malloc-trim".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(EVERY);
                    // SAFETY: `malloc_trim` takes no pointers and touches only the allocator's
                    // own free lists, under the allocator's locks; glibc documents it as
                    // thread-safe (MT-Safe).
                    unsafe {
                        libc::malloc_trim(0);
                    }
                }
            });
        if let Err(e) = started {
            eprintln!("warning: memory trimming not started: {e}");
        }
    }
}
