//! Throttling: sign-in failures per account and per client address, and new inquiries and
//! reports per address.
//!
//! Failed attempts are counted in a sliding window. An account locks after a few failures
//! (guessing one seller's password); an address after more (one machine trying many
//! numbers). Counters live in memory: a restart forgets them, which is acceptable for a
//! single server; several servers behind a balancer would move them into the shared store.
//! Time is passed in, so the rules are tested without sleeping.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Limits for one kind of key.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max_failures: usize,
    pub window: Duration,
}

/// Events per key in a sliding window: the building block of every limit here.
pub struct SlidingWindow<K> {
    limit: Limit,
    events: Mutex<HashMap<K, VecDeque<Instant>>>,
}

/// Keys above this many make every check prune the whole map first, bounding memory under
/// a flood of made-up numbers or addresses.
const PRUNE_ABOVE: usize = 10_000;

impl<K: Hash + Eq + Clone> SlidingWindow<K> {
    pub fn new(limit: Limit) -> SlidingWindow<K> {
        SlidingWindow {
            limit,
            events: Mutex::new(HashMap::new()),
        }
    }

    /// `Some(wait)` if `key` has used up its events; `wait` is how long until the oldest
    /// counted one leaves the window.
    pub fn wait(&self, key: &K, now: Instant) -> Option<Duration> {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        let window = self.limit.window;
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        let times = map.get_mut(key)?;
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            times.pop_front();
        }
        if times.is_empty() {
            map.remove(key);
            return None;
        }
        (times.len() >= self.limit.max_failures).then(|| {
            let oldest = *times.front().expect("not empty");
            window.saturating_sub(now.duration_since(oldest))
        })
    }

    pub fn record(&self, key: K, now: Instant) {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(key).or_default().push_back(now);
    }

    pub fn clear(&self, key: &K) {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(key);
    }
}

/// Failure counters for sign-in.
pub struct SignInLimiter {
    per_account: SlidingWindow<String>,
    per_ip: SlidingWindow<IpAddr>,
}

impl Default for SignInLimiter {
    /// 5 failures per account and 20 per address within 15 minutes.
    fn default() -> SignInLimiter {
        let window = Duration::from_secs(15 * 60);
        SignInLimiter::new(
            Limit {
                max_failures: 5,
                window,
            },
            Limit {
                max_failures: 20,
                window,
            },
        )
    }
}

impl SignInLimiter {
    pub fn new(per_account: Limit, per_ip: Limit) -> SignInLimiter {
        SignInLimiter {
            per_account: SlidingWindow::new(per_account),
            per_ip: SlidingWindow::new(per_ip),
        }
    }

    /// `Err(wait)` if either the account or the address has used up its failures.
    pub fn check(&self, account: &str, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let account_wait = self.per_account.wait(&account.to_string(), now);
        let ip_wait = self.per_ip.wait(&ip, now);
        match account_wait.max(ip_wait) {
            Some(w) => Err(w),
            None => Ok(()),
        }
    }

    /// Counts a wrong password (or unknown account) against both keys.
    pub fn record_failure(&self, account: &str, ip: IpAddr, now: Instant) {
        self.per_account.record(account.to_string(), now);
        self.per_ip.record(ip, now);
    }

    /// A correct password clears the account's failures (not the address's: one right
    /// password must not unlock guessing at other accounts).
    pub fn record_success(&self, account: &str) {
        self.per_account.clear(&account.to_string());
    }
}

/// New inquiries per client address in 10 minutes. The default 10 is far above what a buyer
/// types and far below what a spam script sends.
pub fn inquiry_limiter(per_10_minutes: usize) -> SlidingWindow<IpAddr> {
    SlidingWindow::new(Limit {
        max_failures: per_10_minutes,
        window: Duration::from_secs(10 * 60),
    })
}

/// Reports of listings per address: a buyer who finds several bad listings can report them
/// all; a script cannot bury the moderators' queue.
pub fn report_limiter() -> SlidingWindow<IpAddr> {
    SlidingWindow::new(Limit {
        max_failures: etalase_model::moderation::REPORTS_PER_HOUR,
        window: Duration::from_secs(60 * 60),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> SignInLimiter {
        SignInLimiter::new(
            Limit {
                max_failures: 3,
                window: Duration::from_secs(60),
            },
            Limit {
                max_failures: 5,
                window: Duration::from_secs(60),
            },
        )
    }

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const OTHER_IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn an_account_locks_after_its_failures_and_unlocks_after_the_window() {
        let l = limiter();
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(l.check("+62811", IP, t0), Ok(()), "attempt {i}");
            l.record_failure("+62811", IP, t0 + Duration::from_secs(i));
        }
        let wait = l.check("+62811", OTHER_IP, t0 + Duration::from_secs(10));
        assert_eq!(
            wait,
            Err(Duration::from_secs(50)),
            "locked from any address"
        );
        assert_eq!(
            l.check("+62822", OTHER_IP, t0),
            Ok(()),
            "other accounts are fine"
        );
        assert_eq!(l.check("+62811", IP, t0 + Duration::from_secs(61)), Ok(()));
    }

    #[test]
    fn an_address_locks_after_failures_across_many_accounts() {
        let l = limiter();
        let t0 = Instant::now();
        for i in 0..5 {
            l.record_failure(&format!("+6281{i}"), IP, t0);
        }
        assert!(
            l.check("+62899", IP, t0).is_err(),
            "new number, same address"
        );
        assert_eq!(l.check("+62899", OTHER_IP, t0), Ok(()));
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let l = limiter();
        let t0 = Instant::now();
        for _ in 0..3 {
            l.record_failure("+62811", IP, t0);
        }
        l.record_success("+62811");
        assert_eq!(l.check("+62811", OTHER_IP, t0), Ok(()));
        l.record_failure("+62811", IP, t0);
        l.record_failure("+62811", IP, t0);
        assert!(
            l.check("+62833", IP, t0).is_err(),
            "address kept its 5 failures"
        );
    }
}
