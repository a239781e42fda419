//! `copdeck demo` (`kiosk`): reads the script, then plays the demo in the terminal or records it to
//! files.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use crate::app::script::{Timeline, parse_script, timeline};
use crate::app::{Action, App, DemoOptions, LoadedSite};
use crate::cli::{CliError, DemoArgs, load_index};
use crate::content::{Source, load_site_for, today};
use crate::shell::demo::DemoSetup;
use crate::shell::terminal::{self, Settings};

/// Runs `copdeck demo` with its options; returns the exit code.
pub fn run(source: &Source, settings: Settings, args: &DemoArgs) -> ExitCode {
    match start(source, settings, args) {
        Ok(code) => code,
        Err(err) => err.report(),
    }
}

fn start(source: &Source, mut settings: Settings, args: &DemoArgs) -> Result<ExitCode, CliError> {
    let script = args.script.as_deref().map(read_script).transpose()?;
    let options = DemoOptions {
        idle: Duration::from_secs(args.idle),
        attract: args.attract,
        large: args.large,
    };
    if let (Some(cast), Some(script)) = (&args.record, &script) {
        record_files(source, &settings, options, script, args, cast)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !terminal::has_terminal() {
        return Err(CliError::Usage(
            "the demo needs a terminal (to make a recording, add --record FILE)".into(),
        ));
    }
    let index = load_index(source)?;
    settings.demo = Some(DemoSetup {
        options,
        script,
        speed: args.speed,
        exit_at_end: args.exit_at_end,
    });
    Ok(terminal::run(source, index, settings))
}

/// The script's steps laid out in time; a bad step is an error at its file and line.
fn read_script(path: &Path) -> Result<Timeline, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| CliError::Usage(format!("cannot read {}: {err}", path.display())))?;
    let steps = parse_script(&path.display().to_string(), &text)
        .map_err(|err| CliError::Usage(err.to_string()))?;
    Ok(timeline(&steps))
}

/// Plays the script without a terminal: the asciicast to `cast`, the last screen to
/// `--screenshot` as SVG.
fn record_files(
    source: &Source,
    settings: &Settings,
    options: DemoOptions,
    script: &Timeline,
    args: &DemoArgs,
    cast: &Path,
) -> Result<(), CliError> {
    let index = load_index(source)?;
    // The whole site first, so a recording never depends on how fast indexing was.
    let site = load_site_for(source, &index, today(), &AtomicUsize::new(0)).unwrap_or_default();
    let (width, height) = args.size;
    let mut app = App::new(index, settings.theme, width, height)
        .with_keymap(settings.keymap.clone())
        .with_demo(options);
    app.update(Action::SiteLoaded(LoadedSite::new(Arc::new(site))));
    let failed = |path: &Path, err: std::io::Error| {
        CliError::Failed(format!("cannot write {}: {err}", path.display()))
    };
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(cast).map_err(|e| failed(cast, e))?);
    let last = crate::shell::record::record(app, script, width, height, &mut out)
        .map_err(|e| failed(cast, e))?;
    std::io::Write::flush(&mut out).map_err(|e| failed(cast, e))?;
    if let Some(picture) = &args.screenshot {
        std::fs::write(picture, crate::shell::svg::svg_of(&last))
            .map_err(|e| failed(picture, e))?;
    }
    Ok(())
}
