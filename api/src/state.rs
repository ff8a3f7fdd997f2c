//! What every handler can reach. The API keeps no state of its own between
//! requests: flows, counters, codes and sessions all live in the store.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::courier::Courier;
use crate::csrf::AllowedOrigins;
use crate::passkeys::RelyingParty;
use crate::password::PinHasher;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    settings: Settings,
    allowed_origins: AllowedOrigins,
    store: Store,
    clock: Arc<dyn Clock>,
    hasher: PinHasher,
    courier: Courier,
    /// `None` when the public origin can have no passkeys (`passkeys`).
    relying_party: Option<RelyingParty>,
}

impl AppState {
    pub fn new(
        settings: Settings,
        store: Store,
        clock: Arc<dyn Clock>,
        hasher: PinHasher,
        courier: Courier,
    ) -> Self {
        let relying_party = RelyingParty::new(&settings.public_origin, settings.demo)
            .unwrap_or_else(|error| {
                tracing::warn!(%error, "passkeys are off: the public origin cannot have them");
                None
            });
        Self {
            inner: Arc::new(Inner {
                relying_party,
                allowed_origins: AllowedOrigins::new(&settings.public_origin, settings.demo),
                settings,
                store,
                clock,
                hasher,
                courier,
            }),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// Who may send state-changing requests (`csrf`).
    pub fn allowed_origins(&self) -> &AllowedOrigins {
        &self.inner.allowed_origins
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn now(&self) -> i64 {
        self.inner.clock.now()
    }

    pub fn hasher(&self) -> &PinHasher {
        &self.inner.hasher
    }

    pub fn courier(&self) -> &Courier {
        &self.inner.courier
    }

    /// The relying party of passkeys, if the public origin can have them.
    pub fn relying_party(&self) -> Option<&RelyingParty> {
        self.inner.relying_party.as_ref()
    }
}
