//! The root component: the i18n context, the router, the shell.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::Shell;
use crate::i18n::provide_i18n;
use crate::pages::{
    ForgotPage, HelpPage, HelpTopicPage, HomePage, LoginPage, NotFoundPage, RegisterPage,
    VerifyPage,
};
use crate::routes::Page;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path=Page::Login.path() /> } />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/login/verify") view=VerifyPage />
                    <Route path=path!("/forgot") view=ForgotPage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/home") view=HomePage />
                    <Route path=path!("/help") view=HelpPage />
                    <Route path=path!("/help/:topic") view=HelpTopicPage />
                </Routes>
            </Shell>
        </Router>
    }
}
