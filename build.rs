use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    // The shipped pages are embedded with include_dir; rebuild when they change.
    println!("cargo:rerun-if-changed=content");
    lay_out_hot_code();
}

/// The functions that run in everyday use (`assets/hot-code.txt`, recorded by
/// `scripts/hot-code`) are placed first and together in the program's code. The kernel
/// maps a program's code into memory 64 KiB around each page it runs: with those
/// functions spread over the whole binary, nearly all of its code was mapped into every
/// copdeck process. Only for the targets whose default linker is LLD (which reads such a
/// file; x86-64 Linux from Rust 1.90), and not when a linker of one's own is set. The file
/// names the symbols of one toolchain's release build: a symbol it names that a build
/// does not have is passed over, so another toolchain's build is only laid out as before.
fn lay_out_hot_code() {
    println!("cargo:rerun-if-env-changed=COPDECK_LINK_MAP");
    println!("cargo:rerun-if-env-changed=COPDECK_NO_HOT_CODE");
    let target = |key: &str| env::var(format!("CARGO_CFG_TARGET_{key}")).unwrap_or_default();
    let lld_by_default = target("ARCH") == "x86_64"
        && target("OS") == "linux"
        && target("ENV") == "gnu"
        && rustc_minor().is_some_and(|minor| minor >= 90);
    let own_linker = env::var_os("RUSTC_LINKER").is_some()
        || env::var("CARGO_ENCODED_RUSTFLAGS")
            .is_ok_and(|flags| flags.contains("linker") || flags.contains("link-self-contained"));
    if !lld_by_default || own_linker || env::var_os("COPDECK_NO_HOT_CODE").is_some() {
        return;
    }
    let order = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("assets/hot-code.txt");
    println!("cargo:rerun-if-changed={}", order.display());
    if order.is_file() {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
    // Where each function landed, for `scripts/hot-code` to read.
    if let Some(map) = env::var_os("COPDECK_LINK_MAP") {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,-Map={}",
            map.to_string_lossy()
        );
    }
}

/// The compiler's minor version (`rustc 1.95.0 (…)` gives 95).
fn rustc_minor() -> Option<u32> {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    text.split_whitespace()
        .nth(1)?
        .split('.')
        .nth(1)?
        .parse()
        .ok()
}
