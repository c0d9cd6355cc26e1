//! Push subscriptions and the server's secrets: one stored value for every replica, a
//! seller's newest browsers kept, one seller unable to remove another's.

use etalase_server::store::{PushSubscriptionRecord, PUSH_DEVICES_MAX};

use super::*;

fn browser(n: usize) -> PushSubscriptionRecord {
    PushSubscriptionRecord {
        endpoint: format!("https://fcm.googleapis.com/fcm/send/device-{n}"),
        p256dh: format!("key-{n}"),
        auth: format!("auth-{n}"),
    }
}

fn endpoints(subs: &[PushSubscriptionRecord]) -> Vec<&str> {
    subs.iter().map(|s| s.endpoint.as_str()).collect()
}

#[tokio::test]
async fn a_server_secret_is_made_once_and_the_first_one_stored_wins() {
    for e in engines().await {
        let on = e.name;
        let first = e
            .store
            .server_secret("vapid_private_key".into(), "one".into())
            .await
            .unwrap();
        assert_eq!(first, "one", "{on}");
        let again = e
            .store
            .server_secret("vapid_private_key".into(), "two".into())
            .await
            .unwrap();
        assert_eq!(again, "one", "{on}: a restart keeps the key browsers know");
        // Replicas starting together: every one reads the same winner.
        let racers = (0..6).map(|i| {
            let store = Arc::clone(&e.store);
            tokio::spawn(async move {
                store
                    .server_secret("race".into(), format!("candidate-{i}"))
                    .await
                    .unwrap()
            })
        });
        let mut seen = std::collections::HashSet::new();
        for racer in racers {
            seen.insert(racer.await.unwrap());
        }
        assert_eq!(seen.len(), 1, "{on}: {seen:?}");
    }
}

#[tokio::test]
async fn a_sellers_browsers_are_kept_newest_first_and_removed_only_by_their_seller() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.clone(), demo.sellers[1].id.clone());
        assert!(e
            .store
            .push_subscriptions(a.clone())
            .await
            .unwrap()
            .is_empty());

        for n in 0..PUSH_DEVICES_MAX + 2 {
            e.store
                .save_push_subscription(a.clone(), browser(n))
                .await
                .unwrap();
            // Distinct creation times, so "newest" is well defined on both engines.
            tokio::time::sleep(std::time::Duration::from_millis(3)).await;
        }
        let kept = e.store.push_subscriptions(a.clone()).await.unwrap();
        assert_eq!(kept.len(), PUSH_DEVICES_MAX, "{on}: the oldest dropped");
        assert_eq!(
            kept[0],
            browser(PUSH_DEVICES_MAX + 1),
            "{on}: newest first, keys kept"
        );
        assert!(
            !endpoints(&kept).contains(&browser(0).endpoint.as_str()),
            "{on}"
        );

        // Renewing one brings it to the front; it is not doubled.
        e.store
            .save_push_subscription(a.clone(), browser(3))
            .await
            .unwrap();
        let kept = e.store.push_subscriptions(a.clone()).await.unwrap();
        assert_eq!(kept.len(), PUSH_DEVICES_MAX, "{on}");
        assert_eq!(kept[0].endpoint, browser(3).endpoint, "{on}");

        // Another seller cannot turn off a's browser; a can; the push service can.
        let target = browser(4).endpoint;
        assert!(!e
            .store
            .remove_push_subscription(Some(b.clone()), target.clone())
            .await
            .unwrap());
        assert!(e
            .store
            .remove_push_subscription(Some(a.clone()), target.clone())
            .await
            .unwrap());
        assert!(!e
            .store
            .remove_push_subscription(Some(a.clone()), target)
            .await
            .unwrap());
        assert!(e
            .store
            .remove_push_subscription(None, browser(5).endpoint)
            .await
            .unwrap());
        assert_eq!(
            e.store.push_subscriptions(a.clone()).await.unwrap().len(),
            PUSH_DEVICES_MAX - 2,
            "{on}"
        );

        // A browser signed in as another seller moves to that seller.
        e.store
            .save_push_subscription(b.clone(), browser(3))
            .await
            .unwrap();
        assert!(
            !endpoints(&e.store.push_subscriptions(a.clone()).await.unwrap())
                .contains(&browser(3).endpoint.as_str())
        );
        assert_eq!(
            endpoints(&e.store.push_subscriptions(b).await.unwrap()),
            [browser(3).endpoint.as_str()],
            "{on}"
        );
    }
}
