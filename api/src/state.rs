//! What every handler can reach. The API keeps no state of its own between
//! requests: flows, counters, codes and sessions all live in the store.

use std::sync::Arc;

use crate::config::Settings;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    settings: Settings,
    store: Store,
}

impl AppState {
    pub fn new(settings: Settings, store: Store) -> Self {
        Self {
            inner: Arc::new(Inner { settings, store }),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }
}
