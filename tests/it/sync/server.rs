//! A tiny HTTP/1.1 server on 127.0.0.1 that answers each request as a test scripts it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the server answers one request.
#[derive(Clone)]
pub enum Reply {
    /// A whole answer: status, an ETag if any, the body.
    Full {
        status: u16,
        etag: Option<String>,
        body: Vec<u8>,
    },
    /// Promise the whole body, send only its first `sent` bytes, then hang up.
    Cut { body: Vec<u8>, sent: usize },
    /// Send the headers and the first `sent` bytes, then wait this long saying nothing.
    Stall {
        body: Vec<u8>,
        sent: usize,
        wait: Duration,
    },
    /// Say nothing at all for this long, then hang up.
    Silent(Duration),
}

impl Reply {
    pub fn archive(body: Vec<u8>, etag: Option<&str>) -> Self {
        Self::Full {
            status: 200,
            etag: etag.map(str::to_string),
            body,
        }
    }

    pub fn status(status: u16) -> Self {
        Self::Full {
            status,
            etag: None,
            body: b"no archive here".to_vec(),
        }
    }
}

/// A running server; `url()` is where it listens. It stops with the test process.
pub struct Server {
    port: u16,
    /// The `If-None-Match` header of each request, in order (None when absent).
    pub seen: Arc<Mutex<Vec<Option<String>>>>,
}

type Script = dyn Fn(Option<&str>) -> Reply + Send + Sync;

impl Server {
    /// Serves every request with `script`, given the request's `If-None-Match`.
    pub fn start(script: impl Fn(Option<&str>) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen: Arc<Mutex<Vec<Option<String>>>> = Arc::default();
        let script: Arc<Script> = Arc::new(script);
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (script, log) = (script.clone(), log.clone());
                std::thread::spawn(move || serve(stream, &*script, &log));
            }
        });
        Self { port, seen }
    }

    /// Serves the same reply to every request.
    pub fn always(reply: Reply) -> Self {
        Self::start(move |_| reply.clone())
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/site-main.tar.gz", self.port)
    }
}

fn serve(mut stream: TcpStream, script: &Script, seen: &Mutex<Vec<Option<String>>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut etag = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            etag = Some(value.trim().to_string());
        }
    }
    seen.lock().unwrap().push(etag.clone());
    let head = |status: u16, length: usize, etag: Option<&str>| {
        let reason = match status {
            200 => "OK",
            304 => "Not Modified",
            404 => "Not Found",
            _ => "Error",
        };
        let etag = etag.map(|e| format!("ETag: {e}\r\n")).unwrap_or_default();
        format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Length: {length}\r\n{etag}Connection: close\r\n\r\n"
        )
    };
    let _ = match script(etag.as_deref()) {
        Reply::Full { status, etag, body } => {
            let length = if status == 304 { 0 } else { body.len() };
            let mut bytes = head(status, length, etag.as_deref()).into_bytes();
            if status != 304 {
                bytes.extend_from_slice(&body);
            }
            stream.write_all(&bytes)
        }
        Reply::Cut { body, sent } => {
            let mut bytes = head(200, body.len(), None).into_bytes();
            bytes.extend_from_slice(&body[..sent]);
            stream.write_all(&bytes)
        }
        Reply::Stall { body, sent, wait } => {
            let mut bytes = head(200, body.len(), None).into_bytes();
            bytes.extend_from_slice(&body[..sent]);
            let written = stream.write_all(&bytes);
            std::thread::sleep(wait);
            written
        }
        Reply::Silent(wait) => {
            std::thread::sleep(wait);
            Ok(())
        }
    };
    let _ = stream.shutdown(std::net::Shutdown::Both);
}
