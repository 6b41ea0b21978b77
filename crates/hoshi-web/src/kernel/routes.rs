//! The route table: every route is registered together with who may call it. The same table
//! builds the router ([`Routes::into_router`]) and is what the authorization matrix test reads
//! ([`crate::route_table`]), so a route cannot exist without a declared access, and the test
//! cannot miss one.

use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodRouter, get, post, put};
use hoshi_store::orgs::Role;

use crate::Shared;

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not; the page shows nothing of any organisation.
    Public,
    /// Anyone holding the single-use link in the path (set-up, invitations).
    Link,
    /// Signed in with the password; the second factor may still be missing (MFA pages).
    Password,
    /// Fully signed in (password and, when enrolled, the second factor).
    Account,
    /// A member of the organisation `{org}` in the path, with at least this role. Anyone else
    /// gets "not found" (the organisation's existence is not revealed); a lower role "forbidden".
    Member(Role),
    /// The expert or evaluation body assigned to the review `{aid}` in the path.
    Reviewer,
    /// An administrator of this hoshi instance, fully signed in. Anyone else gets "not found".
    Admin,
    /// The JSON API: a personal access token in `Authorization: Bearer`, bound to one
    /// organisation and a role.
    Token,
}

/// One registered route.
#[derive(Clone, Debug)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

/// A feature's routes with their declared access.
#[derive(Default)]
pub struct Routes {
    router: Router<Shared>,
    table: Vec<RouteInfo>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        access: Access,
        mr: MethodRouter<Shared>,
    ) -> Routes {
        self.table.push(RouteInfo {
            method,
            path,
            access,
        });
        self.router = self.router.route(path, mr);
        self
    }

    pub fn get<H, T>(self, path: &'static str, access: Access, h: H) -> Routes
    where
        H: Handler<T, Shared>,
        T: 'static,
    {
        self.add("GET", path, access, get(h))
    }

    pub fn post<H, T>(self, path: &'static str, access: Access, h: H) -> Routes
    where
        H: Handler<T, Shared>,
        T: 'static,
    {
        self.add("POST", path, access, post(h))
    }

    pub fn put<H, T>(self, path: &'static str, access: Access, h: H) -> Routes
    where
        H: Handler<T, Shared>,
        T: 'static,
    {
        self.add("PUT", path, access, put(h))
    }

    /// Adds another feature's routes.
    pub fn merge(mut self, other: Routes) -> Routes {
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }

    pub fn table(&self) -> &[RouteInfo] {
        &self.table
    }

    pub fn into_router(self) -> Router<Shared> {
        self.router
    }
}
