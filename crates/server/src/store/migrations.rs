//! Schema migrations for both engines, applied in order at start. Each entry is one
//! transaction; the applied count lives in SQLite's `user_version` or PostgreSQL's
//! `schema_migrations` table, so a restart resumes where it stopped and a failure leaves the
//! previous schema intact.
//!
//! Append only: never edit a migration that has shipped. A schema change appends one entry
//! to each list; the two engines' numbers need not match (PostgreSQL started at SQLite's 8).

/// The SQLite schema, one migration per entry.
pub const SQLITE: &[&str] = &[
    // 1: bookkeeping for the server itself.
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;",
    // 2: the catalog. Each row keeps the full wire document as JSON (the model crate owns
    // its shape) beside the columns queries and constraints need; PostgreSQL maps this to
    // jsonb one to one.
    "CREATE TABLE villages (
        slug TEXT PRIMARY KEY,
        doc  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE sellers (
        id           TEXT PRIMARY KEY,
        village_slug TEXT NOT NULL REFERENCES villages(slug),
        doc          TEXT NOT NULL
    ) STRICT;
    CREATE TABLE products (
        id         TEXT PRIMARY KEY,
        seller_id  TEXT NOT NULL REFERENCES sellers(id),
        status     TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        doc        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX products_by_seller ON products(seller_id);",
    // 3: seller accounts, sessions and uploaded photos. Sessions keep only the SHA-256 of
    // the cookie token, so a copy of the database cannot be replayed as cookies.
    "CREATE TABLE accounts (
        seller_id     TEXT PRIMARY KEY REFERENCES sellers(id),
        whatsapp      TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        seller_id  TEXT NOT NULL REFERENCES sellers(id),
        csrf_token TEXT NOT NULL,
        expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sessions_by_seller ON sessions(seller_id);
    CREATE TABLE uploads (
        sha256     TEXT PRIMARY KEY,
        seller_id  TEXT NOT NULL REFERENCES sellers(id),
        bytes      INTEGER NOT NULL,
        width      INTEGER NOT NULL,
        height     INTEGER NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;",
    // 4: inquiries. One row per inquiry (the buyer's whole form as JSON) and one part per
    // seller with its own status. The idempotency key is unique, so a retried POST finds the
    // first row instead of writing a second.
    "CREATE TABLE inquiries (
        id              INTEGER PRIMARY KEY,
        reference       TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        tracking_token  TEXT NOT NULL UNIQUE,
        doc             TEXT NOT NULL,
        created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;
    CREATE TABLE inquiry_parts (
        inquiry_id INTEGER NOT NULL REFERENCES inquiries(id),
        seller_id  TEXT NOT NULL REFERENCES sellers(id),
        status     TEXT NOT NULL,
        items      TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (inquiry_id, seller_id)
    ) STRICT;
    CREATE INDEX inquiry_parts_by_seller ON inquiry_parts(seller_id, status);",
    // 5: what happened to each part after it was sent. One event per seller answer (status
    // move, reply or both), with the seller's name as it was then, so the buyer's page and
    // the inbox show who said what and when. `read_at` drives the inbox's unread badge.
    "CREATE TABLE inquiry_events (
        id          INTEGER PRIMARY KEY,
        inquiry_id  INTEGER NOT NULL REFERENCES inquiries(id),
        seller_id   TEXT NOT NULL,
        at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        actor       TEXT NOT NULL,
        from_status TEXT,
        to_status   TEXT,
        reply       TEXT
    ) STRICT;
    CREATE INDEX inquiry_events_by_part ON inquiry_events(inquiry_id, seller_id);
    ALTER TABLE inquiry_parts ADD COLUMN read_at TEXT;",
    // 6: cooperatives acting for their members. Staff (cooperative operators and village
    // facilitators) sign in apart from sellers, with sessions of their own. A membership
    // ties a seller to their village's cooperative, with the member's consent to be acted
    // for; an unclaimed member has no account yet, only the hash of the token their claim
    // link carries. Every save of a listing is recorded with who made it. Sellers whose
    // document named a cooperative before this migration become its members.
    "CREATE TABLE staff (
        id            TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('operator', 'facilitator')),
        cooperative   TEXT REFERENCES villages(slug),
        name          TEXT NOT NULL,
        whatsapp      TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        CHECK ((role = 'operator') = (cooperative IS NOT NULL))
    ) STRICT;
    CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id   TEXT NOT NULL REFERENCES staff(id),
        csrf_token TEXT NOT NULL,
        expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE memberships (
        seller_id        TEXT PRIMARY KEY REFERENCES sellers(id),
        cooperative      TEXT NOT NULL REFERENCES villages(slug),
        operator_may_act INTEGER NOT NULL DEFAULT 1,
        claim_token_hash TEXT UNIQUE,
        added_by         TEXT REFERENCES staff(id),
        created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;
    CREATE INDEX memberships_by_cooperative ON memberships(cooperative);
    CREATE TABLE listing_events (
        id         INTEGER PRIMARY KEY,
        product_id TEXT NOT NULL REFERENCES products(id),
        at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        actor      TEXT NOT NULL CHECK (actor IN ('seller', 'operator')),
        actor_id   TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        status     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX listing_events_by_product ON listing_events(product_id);
    INSERT INTO memberships (seller_id, cooperative)
        SELECT id, village_slug FROM sellers WHERE json_extract(doc, '$.cooperative') IS NOT NULL;",
    // 7: the photo coach's verdict on each uploaded photo (NULL: not measured), for the
    // facilitators' share of listings with good photos.
    "ALTER TABLE uploads ADD COLUMN good_photo INTEGER;",
    // 8: village partnerships (CSR programmes, zakat agencies, foundations, universities): each
    // row keeps the wire document beside the columns the constraints need, like the catalog;
    // the villages of a partnership are rows too, so a partnership cannot name a village
    // that does not exist. Self-contained, so it can be renumbered on merge.
    "CREATE TABLE partners (
        slug TEXT PRIMARY KEY,
        doc  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE partnerships (
        id           TEXT PRIMARY KEY,
        partner_slug TEXT NOT NULL REFERENCES partners(slug),
        status       TEXT NOT NULL,
        doc          TEXT NOT NULL
    ) STRICT;
    CREATE TABLE partnership_villages (
        partnership_id TEXT NOT NULL REFERENCES partnerships(id),
        village_slug   TEXT NOT NULL REFERENCES villages(slug),
        PRIMARY KEY (partnership_id, village_slug)
    ) STRICT;
    CREATE INDEX partnership_villages_by_village ON partnership_villages(village_slug);",
    // 9: the district runs it, and the public catalog can be moderated. Staff gain the admin
    // role and can be deactivated (the role's CHECK changes, so the table is rebuilt the way
    // SQLite's ALTER TABLE guide says; migrations run with foreign keys off and checked
    // before commit). Visitors' reports, staff's holds on listings and suspensions of
    // sellers are rows; every staff change is a row of the audit log, written in the same
    // transaction as the change. (A seller's verification is part of their published
    // document, like their name.)
    "CREATE TABLE staff_new (
        id            TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('operator', 'facilitator', 'admin')),
        cooperative   TEXT REFERENCES villages(slug),
        name          TEXT NOT NULL,
        whatsapp      TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        active        INTEGER NOT NULL DEFAULT 1,
        CHECK ((role = 'operator') = (cooperative IS NOT NULL))
    ) STRICT;
    INSERT INTO staff_new (id, role, cooperative, name, whatsapp, password_hash, created_at)
        SELECT id, role, cooperative, name, whatsapp, password_hash, created_at FROM staff;
    DROP TABLE staff;
    ALTER TABLE staff_new RENAME TO staff;
    CREATE TABLE listing_reports (
        id         INTEGER PRIMARY KEY,
        product_id TEXT NOT NULL REFERENCES products(id),
        reason     TEXT NOT NULL,
        text       TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        closed_at  TEXT
    ) STRICT;
    CREATE INDEX open_reports ON listing_reports(product_id) WHERE closed_at IS NULL;
    CREATE TABLE listing_holds (
        product_id       TEXT PRIMARY KEY REFERENCES products(id),
        reason_id        TEXT NOT NULL,
        reason_en        TEXT NOT NULL,
        held_by          TEXT NOT NULL REFERENCES staff(id),
        at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        review_requested INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE suspensions (
        seller_id    TEXT PRIMARY KEY REFERENCES sellers(id),
        reason_id    TEXT NOT NULL,
        reason_en    TEXT NOT NULL,
        suspended_by TEXT NOT NULL REFERENCES staff(id),
        at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;
    CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        actor_id   TEXT NOT NULL REFERENCES staff(id),
        actor_name TEXT NOT NULL,
        action     TEXT NOT NULL,
        subject    TEXT NOT NULL,
        detail     TEXT NOT NULL
    ) STRICT;",
    // 10: the Indeks Desa Membangun per village and year, as the ministry publishes it;
    // a village's document carries its latest year's status and score for the catalog.
    // Keyed by the Kemendagri code, the village's stable identity.
    "CREATE TABLE idm_records (
        village_code TEXT NOT NULL,
        year         INTEGER NOT NULL,
        iks          REAL NOT NULL,
        ike          REAL NOT NULL,
        ikl          REAL NOT NULL,
        score        REAL NOT NULL,
        status       TEXT NOT NULL,
        PRIMARY KEY (village_code, year)
    ) STRICT;
    CREATE INDEX idm_records_by_year ON idm_records(year);",
    // 11: invitations: the district's one-time links that let an operator or facilitator
    // choose their own password. Only the token's SHA-256 is kept, like sessions'.
    "CREATE TABLE staff_invites (
        token_hash  TEXT PRIMARY KEY,
        role        TEXT NOT NULL CHECK (role IN ('operator', 'facilitator', 'admin')),
        cooperative TEXT REFERENCES villages(slug),
        name        TEXT NOT NULL,
        whatsapp    TEXT NOT NULL,
        created_by  TEXT NOT NULL REFERENCES staff(id),
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        expires_at  INTEGER NOT NULL,
        claimed_by  TEXT REFERENCES staff(id),
        CHECK ((role = 'operator') = (cooperative IS NOT NULL))
    ) STRICT;",
    // 12: notices, durable. Each notice is a row of the outbox, written in the same
    // transaction as the event that causes it (`key` is unique per event and channel, so a
    // retried write adds nothing); the sender claims due rows (`sending` until `due_at`, a
    // lease: a sender killed mid-send leaves the row to be claimed again), and marks each
    // sent, off (no address or channel), or failed after its retries. A seller may give
    // an e-mail address for their notices.
    "CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        channel     TEXT NOT NULL CHECK (channel IN ('email', 'push')),
        inquiry_id  INTEGER NOT NULL REFERENCES inquiries(id),
        seller_id   TEXT,
        notice      TEXT NOT NULL,
        state       TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'off', 'failed')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        due_at      INTEGER NOT NULL,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        done_at     TEXT,
        last_error  TEXT
    ) STRICT;
    CREATE INDEX outbox_due ON outbox(due_at) WHERE state IN ('pending', 'sending');
    CREATE INDEX outbox_failed ON outbox(state) WHERE state = 'failed';
    ALTER TABLE accounts ADD COLUMN email TEXT;",
    // 13: quotations. Each revision of a seller's priced offer for a part is a row (never
    // updated: revisions keep their history); the buyer's decision and a lapse are events
    // of the part, whose `reason` says why a system move happened (`expired`).
    "CREATE TABLE quotes (
        inquiry_id INTEGER NOT NULL,
        seller_id  TEXT NOT NULL,
        revision   INTEGER NOT NULL CHECK (revision >= 1),
        actor      TEXT NOT NULL,
        doc        TEXT NOT NULL,
        sent_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (inquiry_id, seller_id, revision),
        FOREIGN KEY (inquiry_id, seller_id) REFERENCES inquiry_parts(inquiry_id, seller_id)
    ) STRICT;
    ALTER TABLE inquiry_events ADD COLUMN reason TEXT;",
    // 14: the browsers sellers receive push notices in. An endpoint is the push service's
    // address for one browser, so it is the key; the keys encrypt each message for it
    // (RFC 8291). The server's VAPID key lives in `meta`.
    "CREATE TABLE push_subscriptions (
        endpoint   TEXT PRIMARY KEY,
        seller_id  TEXT NOT NULL REFERENCES sellers(id),
        p256dh     TEXT NOT NULL,
        auth       TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;
    CREATE INDEX push_by_seller ON push_subscriptions(seller_id);",
    // 15: an address for a cooperative operator's notices (their members' new inquiries).
    "ALTER TABLE staff ADD COLUMN email TEXT;",
];

/// The PostgreSQL schema, one migration per entry. Same tables, columns and spellings as
/// SQLite's (timestamps are the same ISO text, so both engines answer byte for byte alike),
/// with PostgreSQL's own types where they help: catalog documents are `jsonb`, flags are
/// `boolean`, and rows that SQLite orders by `rowid` carry an identity column `seq`.
/// Inquiry numbers come from a sequence, so replicas never hand out the same reference.
pub const POSTGRES: &[&str] = &[
    // 1: the schema of SQLite's migrations 1 to 8.
    r#"CREATE FUNCTION etalase_now() RETURNS text LANGUAGE sql VOLATILE AS
        $$ SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
    CREATE TABLE meta (
        key   text PRIMARY KEY,
        value text NOT NULL
    );
    CREATE TABLE villages (
        slug text PRIMARY KEY,
        doc  jsonb NOT NULL
    );
    CREATE TABLE sellers (
        id           text PRIMARY KEY,
        village_slug text NOT NULL REFERENCES villages(slug),
        doc          jsonb NOT NULL
    );
    CREATE INDEX sellers_by_whatsapp ON sellers ((doc->>'whatsapp'));
    CREATE TABLE products (
        seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id         text PRIMARY KEY,
        seller_id  text NOT NULL REFERENCES sellers(id),
        status     text NOT NULL,
        updated_at text NOT NULL DEFAULT etalase_now(),
        doc        jsonb NOT NULL
    );
    CREATE INDEX products_by_seller ON products(seller_id);
    CREATE INDEX products_by_status ON products(status, seq);
    CREATE TABLE accounts (
        seller_id     text PRIMARY KEY REFERENCES sellers(id),
        whatsapp      text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        created_at    text NOT NULL DEFAULT etalase_now()
    );
    CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        seller_id  text NOT NULL REFERENCES sellers(id),
        csrf_token text NOT NULL,
        expires_at bigint NOT NULL
    );
    CREATE INDEX sessions_by_seller ON sessions(seller_id);
    CREATE TABLE uploads (
        sha256     text PRIMARY KEY,
        seller_id  text NOT NULL REFERENCES sellers(id),
        bytes      bigint NOT NULL,
        width      integer NOT NULL,
        height     integer NOT NULL,
        created_at text NOT NULL DEFAULT etalase_now(),
        good_photo boolean
    );
    CREATE SEQUENCE inquiry_numbers;
    CREATE TABLE inquiries (
        id              bigint PRIMARY KEY,
        reference       text NOT NULL UNIQUE,
        kind            text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        tracking_token  text NOT NULL UNIQUE,
        doc             text NOT NULL,
        created_at      text NOT NULL DEFAULT etalase_now()
    );
    CREATE TABLE inquiry_parts (
        seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        inquiry_id bigint NOT NULL REFERENCES inquiries(id),
        seller_id  text NOT NULL REFERENCES sellers(id),
        status     text NOT NULL,
        items      text NOT NULL,
        updated_at text NOT NULL DEFAULT etalase_now(),
        read_at    text,
        PRIMARY KEY (inquiry_id, seller_id)
    );
    CREATE INDEX inquiry_parts_by_seller ON inquiry_parts(seller_id, status);
    CREATE TABLE inquiry_events (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        inquiry_id  bigint NOT NULL REFERENCES inquiries(id),
        seller_id   text NOT NULL,
        at          text NOT NULL DEFAULT etalase_now(),
        actor       text NOT NULL,
        from_status text,
        to_status   text,
        reply       text
    );
    CREATE INDEX inquiry_events_by_part ON inquiry_events(inquiry_id, seller_id);
    CREATE TABLE staff (
        id            text PRIMARY KEY,
        role          text NOT NULL CHECK (role IN ('operator', 'facilitator')),
        cooperative   text REFERENCES villages(slug),
        name          text NOT NULL,
        whatsapp      text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        created_at    text NOT NULL DEFAULT etalase_now(),
        CHECK ((role = 'operator') = (cooperative IS NOT NULL))
    );
    CREATE TABLE staff_sessions (
        token_hash text PRIMARY KEY,
        staff_id   text NOT NULL REFERENCES staff(id),
        csrf_token text NOT NULL,
        expires_at bigint NOT NULL
    );
    CREATE TABLE memberships (
        seller_id        text PRIMARY KEY REFERENCES sellers(id),
        cooperative      text NOT NULL REFERENCES villages(slug),
        operator_may_act boolean NOT NULL DEFAULT true,
        claim_token_hash text UNIQUE,
        added_by         text REFERENCES staff(id),
        created_at       text NOT NULL DEFAULT etalase_now()
    );
    CREATE INDEX memberships_by_cooperative ON memberships(cooperative);
    CREATE TABLE listing_events (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        product_id text NOT NULL REFERENCES products(id),
        at         text NOT NULL DEFAULT etalase_now(),
        actor      text NOT NULL CHECK (actor IN ('seller', 'operator')),
        actor_id   text NOT NULL,
        actor_name text NOT NULL,
        status     text NOT NULL
    );
    CREATE INDEX listing_events_by_product ON listing_events(product_id);
    CREATE TABLE partners (
        slug text PRIMARY KEY,
        doc  jsonb NOT NULL
    );
    CREATE TABLE partnerships (
        seq          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id           text PRIMARY KEY,
        partner_slug text NOT NULL REFERENCES partners(slug),
        status       text NOT NULL,
        doc          jsonb NOT NULL
    );
    CREATE TABLE partnership_villages (
        partnership_id text NOT NULL REFERENCES partnerships(id),
        village_slug   text NOT NULL REFERENCES villages(slug),
        PRIMARY KEY (partnership_id, village_slug)
    );
    CREATE INDEX partnership_villages_by_village ON partnership_villages(village_slug);"#,
    // 2: uploaded photos, shared by the replicas (the SQLite server keeps them as files).
    "CREATE TABLE blobs (
        sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes      bytea NOT NULL,
        created_at text NOT NULL DEFAULT etalase_now()
    );",
    // 3: SQLite's 9: the admin role and deactivation, reports, holds, suspensions, the
    // audit log.
    "ALTER TABLE staff DROP CONSTRAINT staff_role_check;
    ALTER TABLE staff ADD CONSTRAINT staff_role_check
        CHECK (role IN ('operator', 'facilitator', 'admin'));
    ALTER TABLE staff ADD COLUMN active boolean NOT NULL DEFAULT true;
    CREATE TABLE listing_reports (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        product_id text NOT NULL REFERENCES products(id),
        reason     text NOT NULL,
        text       text NOT NULL,
        created_at text NOT NULL DEFAULT etalase_now(),
        closed_at  text
    );
    CREATE INDEX open_reports ON listing_reports(product_id) WHERE closed_at IS NULL;
    CREATE TABLE listing_holds (
        product_id       text PRIMARY KEY REFERENCES products(id),
        reason_id        text NOT NULL,
        reason_en        text NOT NULL,
        held_by          text NOT NULL REFERENCES staff(id),
        at               text NOT NULL DEFAULT etalase_now(),
        review_requested boolean NOT NULL DEFAULT false
    );
    CREATE TABLE suspensions (
        seller_id    text PRIMARY KEY REFERENCES sellers(id),
        reason_id    text NOT NULL,
        reason_en    text NOT NULL,
        suspended_by text NOT NULL REFERENCES staff(id),
        at           text NOT NULL DEFAULT etalase_now()
    );
    CREATE TABLE audit_log (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at         text NOT NULL DEFAULT etalase_now(),
        actor_id   text NOT NULL REFERENCES staff(id),
        actor_name text NOT NULL,
        action     text NOT NULL,
        subject    text NOT NULL,
        detail     text NOT NULL
    );",
    // 4: SQLite's 10: IDM figures per village and year.
    "CREATE TABLE idm_records (
        village_code text NOT NULL,
        year         smallint NOT NULL,
        iks          real NOT NULL,
        ike          real NOT NULL,
        ikl          real NOT NULL,
        score        real NOT NULL,
        status       text NOT NULL,
        PRIMARY KEY (village_code, year)
    );
    CREATE INDEX idm_records_by_year ON idm_records(year);",
    // 5: SQLite's 11: invitations.
    "CREATE TABLE staff_invites (
        token_hash  text PRIMARY KEY,
        role        text NOT NULL CHECK (role IN ('operator', 'facilitator', 'admin')),
        cooperative text REFERENCES villages(slug),
        name        text NOT NULL,
        whatsapp    text NOT NULL,
        created_by  text NOT NULL REFERENCES staff(id),
        created_at  text NOT NULL DEFAULT etalase_now(),
        expires_at  bigint NOT NULL,
        claimed_by  text REFERENCES staff(id),
        CHECK ((role = 'operator') = (cooperative IS NOT NULL))
    );",
    // 6: SQLite's 12: the notices' outbox.
    "CREATE TABLE outbox (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key         text NOT NULL UNIQUE,
        channel     text NOT NULL CHECK (channel IN ('email', 'push')),
        inquiry_id  bigint NOT NULL REFERENCES inquiries(id),
        seller_id   text,
        notice      text NOT NULL,
        state       text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'off', 'failed')),
        attempts    integer NOT NULL DEFAULT 0,
        due_at      bigint NOT NULL,
        created_at  text NOT NULL DEFAULT etalase_now(),
        done_at     text,
        last_error  text
    );
    CREATE INDEX outbox_due ON outbox(due_at) WHERE state IN ('pending', 'sending');
    CREATE INDEX outbox_failed ON outbox(state) WHERE state = 'failed';
    ALTER TABLE accounts ADD COLUMN email text;",
    // 7: SQLite's 13: quotations.
    "CREATE TABLE quotes (
        inquiry_id bigint NOT NULL,
        seller_id  text NOT NULL,
        revision   integer NOT NULL CHECK (revision >= 1),
        actor      text NOT NULL,
        doc        text NOT NULL,
        sent_at    text NOT NULL DEFAULT etalase_now(),
        PRIMARY KEY (inquiry_id, seller_id, revision),
        FOREIGN KEY (inquiry_id, seller_id) REFERENCES inquiry_parts(inquiry_id, seller_id)
    );
    ALTER TABLE inquiry_events ADD COLUMN reason text;",
    // 8: SQLite's 14: push subscriptions.
    "CREATE TABLE push_subscriptions (
        endpoint   text PRIMARY KEY,
        seller_id  text NOT NULL REFERENCES sellers(id),
        p256dh     text NOT NULL,
        auth       text NOT NULL,
        created_at text NOT NULL DEFAULT etalase_now()
    );
    CREATE INDEX push_by_seller ON push_subscriptions(seller_id);",
    // 9: SQLite's 15: operators' notice addresses.
    "ALTER TABLE staff ADD COLUMN email text;",
];
