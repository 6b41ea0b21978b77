//! Forms shown again after a problem. A handler whose input breaks a rule renders the same page
//! again with status 422: what the user typed stays in the fields, each message sits beside its
//! field, and a summary at the top lists them all — in the user's language only. Dead-end error
//! pages are left for requests no form of hoshi produces.
//!
//! One page can hold several forms; [`FormState::form`] names the one that was sent, so only that
//! form shows the values and messages.

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::Response;
use hoshi_core::{Lang, UserError};

use crate::kernel::error::{AppError, AppResult};

/// What was sent with one form and what is wrong with it.
#[derive(Debug, Default, Clone)]
pub struct FormState {
    /// The form that was sent (empty: none).
    pub form: &'static str,
    /// Which of a page's repeated forms was sent (a criterion, a requirement); empty when the
    /// page has the form once.
    pub item: String,
    /// (field, message); a problem without a field is shown in the summary only.
    problems: Vec<(Option<&'static str>, String)>,
    values: HashMap<&'static str, String>,
}

impl FormState {
    /// The state of form `form` with what the user typed.
    pub fn new(form: &'static str, values: &[(&'static str, &str)]) -> FormState {
        FormState {
            form,
            item: String::new(),
            problems: Vec::new(),
            values: values.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    /// Names the one of a page's repeated forms that was sent.
    pub fn at(mut self, item: &str) -> FormState {
        self.item = item.to_string();
        self
    }

    /// Whether the form `form` for `item` was sent and has problems.
    pub fn failed_at(&self, form: &str, item: &str) -> bool {
        self.item == item && self.failed(form)
    }

    /// What the user typed into `field` of `form` for `item`, or `default`.
    pub fn value_at<'a>(
        &'a self,
        form: &str,
        item: &str,
        field: &str,
        default: &'a str,
    ) -> &'a str {
        if self.item != item {
            return default;
        }
        self.value(form, field, default)
    }

    /// Adds a problem, at its field when it has one.
    pub fn problem(mut self, e: &UserError, lang: Lang) -> FormState {
        self.problems.push((e.field(), e.message(lang)));
        self
    }

    /// Adds a message for `field` (a problem found by the page itself).
    pub fn message(mut self, field: Option<&'static str>, message: String) -> FormState {
        self.problems.push((field, message));
        self
    }

    /// Whether any problem was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether `form` was sent and has problems (the summary shows).
    pub fn failed(&self, form: &str) -> bool {
        self.form == form && !self.problems.is_empty()
    }

    /// Every message of `form`, for the summary at the top.
    pub fn messages(&self, form: &str) -> Vec<&str> {
        if self.form != form {
            return Vec::new();
        }
        self.problems.iter().map(|(_, m)| m.as_str()).collect()
    }

    /// The message beside `field` of `form`, if any.
    pub fn error(&self, form: &str, field: &str) -> Option<&str> {
        if self.form != form {
            return None;
        }
        self.problems
            .iter()
            .find(|(f, _)| *f == Some(field))
            .map(|(_, m)| m.as_str())
    }

    /// What the user typed into `field` of `form`, or `default` when that form was not sent.
    pub fn value<'a>(&'a self, form: &str, field: &str, default: &'a str) -> &'a str {
        if self.form != form {
            return default;
        }
        self.values.get(field).map_or(default, String::as_str)
    }
}

/// Splits a result: rule problems become a [`FormState`] to show the form again; everything else
/// (not found, forbidden, internal) stays an error.
pub fn checked<T>(
    r: AppResult<T>,
    state: FormState,
    lang: Lang,
) -> AppResult<Result<T, FormState>> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(AppError::BadRequest(e)) => Ok(Err(state.problem(&e, lang))),
        Err(other) => Err(other),
    }
}

/// The page shown again with the problems: 422 Unprocessable Content.
pub fn unprocessable(mut r: Response) -> Response {
    if r.status().is_success() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}
