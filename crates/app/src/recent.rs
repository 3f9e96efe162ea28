//! Short-lived copies of costly aggregates that home pages show to everyone who opens them: a
//! province's people count, or the sent/missing counts of ten live campaigns, cost tens of
//! milliseconds each and change slowly, while the home page is the most opened page of all.
//!
//! A copy is used for [`Recent::new`]'s lifetime (30 seconds on the home page); when it is older, the
//! first request recomputes it while the others keep the old copy, so a crowd arriving at once
//! triggers one computation, not two hundred. Each node keeps its own copies: what one shows may lag
//! what happened on another by the lifetime at most. Nothing that a user acts on is read from here.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Entry<T> {
    at: Instant,
    value: Arc<T>,
    refreshing: bool,
}

/// Copies of `T` by key (an organisation and a scope), each used for `ttl`.
pub struct Recent<T> {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry<T>>>,
    /// Held while a missing copy is computed, so a crowd arriving at a cold start waits for one
    /// computation instead of running two hundred.
    first: tokio::sync::Mutex<()>,
}

enum Found<T> {
    Use(Arc<T>),
    /// Stale: this request refreshes it (the others keep using the old copy meanwhile).
    Refresh,
    Missing,
}

impl<T> Recent<T> {
    pub fn new(ttl: Duration) -> Recent<T> {
        Recent {
            ttl,
            entries: Mutex::new(HashMap::new()),
            first: tokio::sync::Mutex::new(()),
        }
    }

    /// The copy under `key`, recomputed by `compute` when missing or older than the lifetime.
    pub async fn get_or<E, F>(&self, key: &str, compute: F) -> Result<Arc<T>, E>
    where
        F: Future<Output = Result<T, E>>,
    {
        let _first = match self.find(key) {
            Found::Use(value) => return Ok(value),
            Found::Refresh => None,
            Found::Missing => {
                let guard = self.first.lock().await;
                if let Found::Use(value) = self.find(key) {
                    return Ok(value);
                }
                Some(guard)
            }
        };
        match compute.await {
            Ok(v) => {
                let value = Arc::new(v);
                self.lock().insert(
                    key.to_string(),
                    Entry {
                        at: Instant::now(),
                        value: value.clone(),
                        refreshing: false,
                    },
                );
                Ok(value)
            }
            Err(e) => {
                if let Some(entry) = self.lock().get_mut(key) {
                    entry.refreshing = false;
                }
                Err(e)
            }
        }
    }

    /// A copy to use now (fresh, or stale while another request refreshes it), or what this request
    /// must do instead (a stale copy's refresh is then claimed by it).
    fn find(&self, key: &str) -> Found<T> {
        let mut entries = self.lock();
        let Some(entry) = entries.get_mut(key) else {
            return Found::Missing;
        };
        if entry.at.elapsed() < self.ttl || entry.refreshing {
            return Found::Use(entry.value.clone());
        }
        entry.refreshing = true;
        Found::Refresh
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry<T>>> {
        // A panic while holding the lock leaves only a cache behind: keep using it.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reuses_a_copy_until_it_is_old() {
        let cache: Recent<u32> = Recent::new(Duration::from_millis(50));
        let first = cache.get_or("k", async { Ok::<_, ()>(1) }).await.unwrap();
        let again = cache.get_or("k", async { Ok::<_, ()>(2) }).await.unwrap();
        assert_eq!((*first, *again), (1, 1));
        tokio::time::sleep(Duration::from_millis(60)).await;
        let later = cache.get_or("k", async { Ok::<_, ()>(3) }).await.unwrap();
        assert_eq!(*later, 3);
        let other = cache
            .get_or("other", async { Ok::<_, ()>(4) })
            .await
            .unwrap();
        assert_eq!(*other, 4);
    }

    #[tokio::test]
    async fn a_failed_refresh_leaves_the_next_request_to_try() {
        let cache: Recent<u32> = Recent::new(Duration::from_millis(0));
        cache.get_or("k", async { Ok::<_, ()>(1) }).await.unwrap();
        assert!(
            cache
                .get_or("k", async { Err::<u32, ()>(()) })
                .await
                .is_err()
        );
        assert_eq!(
            *cache.get_or("k", async { Ok::<_, ()>(5) }).await.unwrap(),
            5
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_crowd_at_a_cold_start_computes_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cache = Arc::new(Recent::<usize>::new(Duration::from_secs(30)));
        let runs = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (cache, runs) = (cache.clone(), runs.clone());
            tasks.push(tokio::spawn(async move {
                *cache
                    .get_or("k", async {
                        tokio::time::sleep(Duration::from_millis(30)).await;
                        Ok::<_, ()>(runs.fetch_add(1, Ordering::SeqCst) + 1)
                    })
                    .await
                    .unwrap()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), 1);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}
