//! What every handler can reach. The API keeps no state of its own between
//! requests: flows, counters, codes and sessions all live in the store.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::courier::Courier;
use crate::csrf::AllowedOrigins;
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
}

impl AppState {
    pub fn new(
        settings: Settings,
        store: Store,
        clock: Arc<dyn Clock>,
        hasher: PinHasher,
        courier: Courier,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
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
}
