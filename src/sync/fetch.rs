//! Opening the site archive as a stream: over HTTP(S) with `ureq` (proxies from the
//! usual environment variables, timeouts, the previous `ETag`), or from a `file://`
//! path for machines without a network.

use std::fs::File;
use std::io::Read;
use std::time::Duration;

/// How long to wait before giving up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To connect, including TLS.
    pub connect: Duration,
    /// For the server to start answering, and for each read of the body after.
    pub read: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(20),
            read: Duration::from_secs(30),
        }
    }
}

/// What the server answered.
pub enum Answer {
    /// The archive, to be read.
    Archive(Download),
    /// Nothing changed since the `ETag` sent (304).
    NotModified,
}

/// An archive being downloaded.
pub struct Download {
    pub body: Box<dyn Read + Send>,
    /// Its length in bytes, when the server says.
    pub length: Option<u64>,
    pub etag: Option<String>,
}

/// Why the archive could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// No connection: the network, the name, the proxy, a timeout.
    Unreachable(String),
    /// The server answered with an error status.
    Status(u16),
    /// The address is not one copdeck can fetch.
    BadAddress(String),
}

/// Asks for the archive at `url`, sending `etag` so that an unchanged archive costs a 304.
pub fn fetch(url: &str, etag: Option<&str>, timeouts: Timeouts) -> Result<Answer, FetchError> {
    if let Some(path) = url.strip_prefix("file://") {
        return open_file(path);
    }
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(FetchError::BadAddress(format!(
            "{url} is not an https://, http:// or file:// address"
        )));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(timeouts.connect))
        .timeout_recv_response(Some(timeouts.read))
        .timeout_per_read(Some(timeouts.read))
        .user_agent(concat!("copdeck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let response = request.call().map_err(|err| match err {
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            FetchError::BadAddress(format!("{url} is not a valid address"))
        }
        ureq::Error::Timeout(_) => FetchError::Unreachable(format!(
            "no answer within {} s",
            timeouts.read.max(timeouts.connect).as_secs()
        )),
        other => FetchError::Unreachable(other.to_string()),
    })?;
    let status = response.status().as_u16();
    if status == 304 {
        return Ok(Answer::NotModified);
    }
    if !(200..300).contains(&status) {
        return Err(FetchError::Status(status));
    }
    let etag = response
        .headers()
        .get("etag")
        .and_then(|value| value.to_str().ok())
        .map(str::to_string);
    let body = response.into_body();
    let length = body.content_length();
    Ok(Answer::Archive(Download {
        body: Box::new(body.into_reader()),
        length,
        etag,
    }))
}

fn open_file(path: &str) -> Result<Answer, FetchError> {
    let file = File::open(path).map_err(|err| FetchError::Unreachable(format!("{path}: {err}")))?;
    let length = file.metadata().ok().map(|meta| meta.len());
    Ok(Answer::Archive(Download {
        body: Box::new(file),
        length,
        etag: None,
    }))
}

/// Whether a read of the body failed because the server went quiet too long.
pub fn is_timeout(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::TimedOut
        || err
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>())
            .is_some_and(|inner| matches!(inner, ureq::Error::Timeout(_)))
}
