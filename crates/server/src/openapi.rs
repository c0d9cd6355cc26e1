//! The fixed parts of the API's OpenAPI 3.1 description: title, security schemes, tags. The
//! paths come from the handlers' `#[utoipa::path]` attributes and the wire types' `ToSchema`
//! derives, never written by hand: [`crate::routes::document`] joins them, since the route
//! table is the one list of what is served.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::{Modify, OpenApi};

use crate::auth::session::{COOKIE, CSRF_HEADER};

/// Security scheme names used by the handlers' `security(...)` attributes.
pub const SESSION: &str = "session_cookie";
pub const CSRF: &str = "csrf_header";
pub const STAFF: &str = "staff_cookie";

/// The document's fixed parts; the paths come from the route table.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Etalase Desa API",
        description = "JSON API of Etalase Desa: the village product catalog, buyers' \
inquiries, seller accounts, listings, photos and inboxes.\n\n\
Every error answers with the `ErrorBody` envelope (`code`, `message`, and `fields` for `422 \
invalid`, `retry_after` for `429 rate_limited`). Sellers sign in with `POST /api/auth/login`: \
the session lives in the HttpOnly cookie `etalase_session`, and every state-changing request of \
a signed-in seller must echo the session's CSRF token (from the sign-in or `GET /api/auth/me` \
answer) in the `x-csrf-token` header.",
        license(name = "MIT")
    ),
    modifiers(&SecuritySchemes),
    components(schemas(crate::error::ErrorBody)),
    tags(
        (name = "meta", description = "Health and this description"),
        (name = "catalog", description = "What buyers browse"),
        (name = "auth", description = "Seller accounts and sessions"),
        (name = "inquiries", description = "Buyers' purchase inquiries and export RFQs"),
        (name = "seller", description = "A signed-in seller's listings, photos and inbox"),
        (name = "staff", description = "Cooperative operators' and facilitators' sessions"),
        (name = "cooperative", description = "An operator acting for the members of its cooperative"),
        (name = "insights", description = "Public demand figures"),
        (name = "partnerships", description = "Partners and their programmes with villages, recorded by district staff"),
    )
)]
pub struct ApiDoc;

/// The session cookie and the CSRF header, as API-key security schemes.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                COOKIE,
                "The seller's session: set HttpOnly by sign-in and registration, for 30 days.",
            ))),
        );
        components.add_security_scheme(
            STAFF,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::staff::STAFF_COOKIE,
                "A cooperative operator's or facilitator's session (`POST /api/staff/login`), \
                 apart from any seller session on the same phone; the same CSRF rule applies.",
            ))),
        );
        components.add_security_scheme(
            CSRF,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                CSRF_HEADER,
                "The session's CSRF token (`csrf_token` of the sign-in or `me` answer); \
                 required on every POST and PUT of a signed-in seller, else 403 `csrf`.",
            ))),
        );
    }
}

/// The bytes of a JPEG file, as a request body.
pub struct Jpeg;

impl utoipa::PartialSchema for Jpeg {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for Jpeg {}
