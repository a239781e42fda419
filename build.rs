use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    // The shipped pages are embedded with include_dir; rebuild when they change.
    println!("cargo:rerun-if-changed=content");
    lay_out_hot_code();
    pack_relocations();
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
    if !lld_by_default() || own_linker() || env::var_os("COPDECK_NO_HOT_CODE").is_some() {
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

/// The program's addresses are fixed up as it starts (it is built to load anywhere), one
/// 24-byte entry each in a table the loader reads whole: about 24,000 of them, 570 KiB
/// of the binary read into every copdeck process. Packed (`DT_RELR`), the same fix-ups
/// take about 8 KiB. The C library reads packed ones from glibc 2.36, so they are asked
/// for only where the program is built to run on the machine that builds it (no cross
/// build) and that machine's glibc is 2.36 or later; a binary built against a glibc
/// already needs that glibc or a later one. LLD (the default linker where the layout
/// above applies) writes them; `COPDECK_NO_PACKED_RELOCATIONS=1` builds without.
fn pack_relocations() {
    println!("cargo:rerun-if-env-changed=COPDECK_NO_PACKED_RELOCATIONS");
    let native = env::var("HOST").ok() == env::var("TARGET").ok();
    if lld_by_default()
        && !own_linker()
        && native
        && host_glibc().is_some_and(|version| version >= (2, 36))
        && env::var_os("COPDECK_NO_PACKED_RELOCATIONS").is_none()
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// The version of the glibc this build script runs on (`(2, 36)`), None on another C
/// library.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn host_glibc() -> Option<(u32, u32)> {
    unsafe extern "C" {
        fn gnu_get_libc_version() -> *const std::ffi::c_char;
    }
    // SAFETY: glibc returns a pointer to a static, NUL-terminated string.
    let version = unsafe { std::ffi::CStr::from_ptr(gnu_get_libc_version()) };
    let mut parts = version.to_str().ok()?.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn host_glibc() -> Option<(u32, u32)> {
    None
}

/// Whether the target's default linker is LLD: x86-64 Linux with glibc, from Rust 1.90.
fn lld_by_default() -> bool {
    let target = |key: &str| env::var(format!("CARGO_CFG_TARGET_{key}")).unwrap_or_default();
    target("ARCH") == "x86_64"
        && target("OS") == "linux"
        && target("ENV") == "gnu"
        && rustc_minor().is_some_and(|minor| minor >= 90)
}

/// Whether the build names a linker of its own (or its flags).
fn own_linker() -> bool {
    env::var_os("RUSTC_LINKER").is_some()
        || env::var("CARGO_ENCODED_RUSTFLAGS")
            .is_ok_and(|flags| flags.contains("linker") || flags.contains("link-self-contained"))
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
