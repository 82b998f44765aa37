//! Sending statements to a learning record store: `POST {endpoint}/statements` in batches,
//! with the xAPI version header and HTTP Basic credentials, and every refusal turned into a
//! message that says what to do.

use std::time::Duration;

use serde_json::Value;

/// Statements per request: small enough for any store's size limit, large enough to be quick.
pub const BATCH: usize = 50;

/// How long to wait for a store before giving up.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Where and as whom to send.
#[derive(Debug, Clone)]
pub struct Lrs {
    /// The store's xAPI endpoint, e.g. `https://lrs.example.ac.uk/data/xAPI/`.
    pub endpoint: String,
    /// `key:secret`, as the store issued them.
    pub auth: String,
}

/// What was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub statements: usize,
    pub requests: usize,
}

impl Lrs {
    /// The statements resource under the endpoint.
    pub fn statements_url(&self) -> String {
        format!("{}/statements", self.endpoint.trim_end_matches('/'))
    }

    /// Posts every statement, [`BATCH`] at a time, stopping at the first refusal.
    pub fn send(&self, statements: &[Value]) -> Result<Sent, String> {
        if !self.auth.contains(':') {
            return Err(
                "error: --lrs-auth must be KEY:SECRET, as the learning record store issued them"
                    .to_owned(),
            );
        }
        let auth = format!("Basic {}", base64(self.auth.as_bytes()));
        let url = self.statements_url();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .build()
            .into();
        let mut sent = Sent {
            statements: 0,
            requests: 0,
        };
        for batch in statements.chunks(BATCH) {
            let body = serde_json::to_vec(batch).expect("statements are plain JSON");
            let response = agent
                .post(&url)
                .header("X-Experience-API-Version", "1.0.3")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", &auth)
                .send(&body[..])
                .map_err(|e| {
                    format!(
                        "error: cannot reach the learning record store at {url}: {e}\n  hint: check the address (--lrs) and the network; nothing was sent after statement {}",
                        sent.statements
                    )
                })?;
            let status = response.status().as_u16();
            sent.requests += 1;
            if !(200..300).contains(&status) {
                let said = response.into_body().read_to_string().unwrap_or_default();
                return Err(refusal(&url, status, &said, sent.statements));
            }
            sent.statements += batch.len();
        }
        Ok(sent)
    }
}

/// A refusal in words, with the store's own message (cut short and made safe to print).
fn refusal(url: &str, status: u16, said: &str, sent_before: usize) -> String {
    let why = match status {
        400 => "it found a statement invalid (the whole batch is refused)",
        401 => "it did not accept the credentials",
        403 => "the credentials may not write statements",
        409 => {
            "it already holds statements with these ids and different content (were these sessions exported before a change to the scoring?)"
        }
        413 => "the request was too large",
        429 => "it is receiving too many requests; try again later",
        500..=599 => "it had a problem of its own; try again later",
        _ => "it refused the request",
    };
    let hint = match status {
        401 | 403 => "check --lrs-auth KEY:SECRET with the store's administrator",
        _ => "the store's message is above; statements before this batch were stored",
    };
    let said: String = said
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(300)
        .collect();
    format!(
        "error: the learning record store at {url} answered {status}: {why}{}\n  hint: {hint} ({sent_before} statements were sent before this)",
        if said.trim().is_empty() {
            String::new()
        } else {
            format!("\n  it said: {}", said.trim())
        }
    )
}

/// Standard base64, for the Basic credentials.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_base64() {
        assert_eq!(base64(b"key:secret"), "a2V5OnNlY3JldA==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
    }

    #[test]
    fn the_statements_url_has_one_slash() {
        let l = |e: &str| Lrs {
            endpoint: e.into(),
            auth: "a:b".into(),
        };
        assert_eq!(
            l("http://x/xAPI/").statements_url(),
            "http://x/xAPI/statements"
        );
        assert_eq!(
            l("http://x/xAPI").statements_url(),
            "http://x/xAPI/statements"
        );
    }
}
