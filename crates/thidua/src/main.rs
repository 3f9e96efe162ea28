//! The `thidua` binary: one program for every job — serve the app, migrate the database, manage users,
//! load demo data.

use thidua::{
    backup, blob_store, bootstrap, demo, eligibility, import_plan, province, transfer_cli, workers,
};

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thidua_store::Db;
use thidua_web::{AppState, Config};

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "Quản lý thi đua, khen thưởng — emulation and commendation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the data lives: a PostgreSQL URL, or an embedded SQLite file in the data folder.
#[derive(clap::Args, Clone)]
struct DbArgs {
    /// Folder for the embedded database and uploaded files.
    #[arg(long, env = "THIDUA_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// `postgres://…` to run on PostgreSQL; default: SQLite in the data folder.
    #[arg(long, env = "THIDUA_DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and API.
    Serve {
        #[arg(long, env = "THIDUA_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        #[command(flatten)]
        db: DbArgs,
        /// Load the demo organisation and users if the database is empty.
        #[arg(long)]
        demo: bool,
        /// Mark cookies Secure (when served behind TLS).
        #[arg(long, env = "THIDUA_SECURE_COOKIES")]
        secure_cookies: bool,
        #[command(flatten)]
        blobs: blob_store::BlobArgs,
        #[command(flatten)]
        mail: workers::MailArgs,
    },
    /// Bring the database schema up to date and exit.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Load the demo organisation and users into an empty database and exit; with `--scale`, generate
    /// an organisation of that size instead (deterministic for a seed).
    Demo {
        #[command(flatten)]
        db: DbArgs,
        /// Generate a whole organisation: `tiny`, `district` or `province` (about 5,000 units and
        /// 200,000 people).
        #[arg(long, value_enum)]
        scale: Option<province::Preset>,
        /// Seed of the generator: the same seed on the same day writes the same data.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
    },
    /// Read a plan (Kế hoạch) from a .txt/.md/.docx file and print the draft campaign it describes.
    ImportPlan {
        /// The plan file: UTF-8 text (clean or OCR) or DOCX.
        file: PathBuf,
        /// Print the JSON of the plan-import contract (for scripts).
        #[arg(long)]
        json: bool,
        /// Leave out the `evidence` key (source line numbers of each field).
        #[arg(long)]
        no_evidence: bool,
    },
    /// Check one title or form for every person (the year-end review of the whole organisation).
    Eligibility {
        #[command(flatten)]
        db: DbArgs,
        /// Catalog code of the title or form, e.g. CSTD_TINH, CSTDCS, BK_TINH.
        #[arg(long)]
        code: String,
        /// Year of achievement (default: last year).
        #[arg(long)]
        year: Option<i32>,
        /// Date of the review, dd/mm/yyyy (default: today); selects the rules in force.
        #[arg(long)]
        date: Option<String>,
        /// `VN` or a province code with its own rules (`HN`, `HCM`, `BN`).
        #[arg(long, default_value = "VN")]
        jurisdiction: String,
        /// Write everyone's verdict to this CSV file.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Write one consistent archive of the database and uploaded files (while the server runs).
    Backup {
        /// The archive to write (.tar.gz).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Restore an archive of `thidua backup` into an empty data folder or database.
    Restore {
        /// The archive written by `thidua backup`.
        #[arg(long)]
        from: PathBuf,
        #[command(flatten)]
        db: DbArgs,
        /// Overwrite a data folder or database that already holds data.
        #[arg(long)]
        force: bool,
    },
    /// Move an organisation's data to the one that succeeds it (the 2025 reorganisation).
    Transfer {
        #[command(subcommand)]
        action: TransferCommand,
    },
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
}

#[derive(Subcommand)]
enum TransferCommand {
    /// Write one organisation's data (units, people, history, campaigns, dossiers with their files,
    /// meetings, decisions) as one archive.
    Export {
        /// The organisation: its id or a unique part of its name.
        #[arg(long)]
        org: String,
        /// The archive to write (.tar.gz).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        blobs: blob_store::BlobArgs,
    },
    /// Import an archive into the organisation that succeeds its own, all or nothing.
    Import {
        /// The receiving organisation: its id or a unique part of its name.
        #[arg(long)]
        org: String,
        /// The archive written by `thidua transfer export`.
        #[arg(long)]
        from: PathBuf,
        /// The day the reorganisation took effect (dd/mm/yyyy).
        #[arg(long, default_value = "01/07/2025")]
        effective: String,
        /// Put before every former unit's code (needed when codes clash; proposed when they do).
        #[arg(long)]
        prefix: Option<String>,
        /// A former unit and the unit that carries it on, by code: `P-BACHDANG=PHUONG-HBT` (repeat).
        #[arg(long = "successor")]
        successors: Vec<String>,
        /// Confirm the successors proposed by name.
        #[arg(long)]
        accept_proposed: bool,
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        blobs: blob_store::BlobArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Set a new password for a user (prints it when none is given).
    SetPassword {
        username: String,
        #[arg(long)]
        password: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
}

fn database_url(db: &DbArgs) -> anyhow::Result<String> {
    if let Some(url) = &db.database_url {
        return Ok(url.clone());
    }
    std::fs::create_dir_all(&db.data_dir)
        .with_context(|| format!("cannot create data folder {}", db.data_dir.display()))?;
    Ok(format!(
        "sqlite://{}",
        Path::new(&db.data_dir).join("thidua.db").display()
    ))
}

async fn open(db: &DbArgs) -> anyhow::Result<Db> {
    let url = database_url(db)?;
    let pool = Db::connect(&url)
        .await
        .with_context(|| "cannot open the database".to_string())?;
    pool.migrate().await.context("database migration failed")?;
    Ok(pool)
}

/// `thidua serve`: the web app and API until stopped.
async fn serve(
    bind: &str,
    db: &DbArgs,
    demo: bool,
    secure_cookies: bool,
    blobs: &blob_store::BlobArgs,
    mail: &workers::MailArgs,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let pool = open(db).await?;
    let blobs = blob_store::open(blobs, &db.data_dir).await?;
    if demo {
        demo::load_if_empty(&pool, blobs.as_ref()).await?;
    }
    bootstrap::ensure_admin(&pool).await?;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    workers::start(&pool, mail, &format!("http://{addr}"))?;
    println!("Tệp tải lên được lưu ở {}.", blobs.describe());
    println!(
        "thidua đang chạy tại http://{addr} (khởi động trong {} ms)",
        started.elapsed().as_millis()
    );
    let state = AppState {
        db: pool,
        config: Arc::new(Config {
            secure_cookies,
            blobs,
            ..Config::default()
        }),
    };
    thidua_web::serve(listener, state).await?;
    Ok(())
}

/// `thidua transfer export|import`.
async fn transfer(action: TransferCommand) -> anyhow::Result<()> {
    match action {
        TransferCommand::Export {
            org,
            out,
            db,
            blobs,
        } => {
            let pool = open(&db).await?;
            let blobs = blob_store::open(&blobs, &db.data_dir).await?;
            transfer_cli::export(&pool, blobs.as_ref(), &org, &out).await
        }
        TransferCommand::Import {
            org,
            from,
            effective,
            prefix,
            successors,
            accept_proposed,
            db,
            blobs,
        } => {
            let pool = open(&db).await?;
            let blobs = blob_store::open(&blobs, &db.data_dir).await?;
            let args = transfer_cli::ImportArgs {
                org: &org,
                from: &from,
                effective_on: &effective,
                prefix: prefix.as_deref(),
                successors: &successors,
                accept_proposed,
            };
            transfer_cli::import(&pool, blobs.as_ref(), &args).await
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            bind,
            db,
            demo,
            secure_cookies,
            blobs,
            mail,
        } => serve(&bind, &db, demo, secure_cookies, &blobs, &mail).await?,
        Command::Migrate { db } => {
            open(&db).await?;
            println!("Cơ sở dữ liệu đã được cập nhật.");
        }
        Command::Demo {
            db,
            scale: Some(preset),
            seed,
        } => {
            let pool = open(&db).await?;
            province::generate(&pool, preset, seed).await?;
        }
        Command::Demo {
            db, scale: None, ..
        } => {
            let pool = open(&db).await?;
            demo::load_if_empty(
                &pool,
                &thidua_store::blobs::LocalDisk::new(db.data_dir.join("blobs")),
            )
            .await?;
        }
        Command::Eligibility {
            db,
            code,
            year,
            date,
            jurisdiction,
            csv,
        } => {
            let pool = open(&db).await?;
            let query = eligibility::Query {
                code: &code,
                year,
                date: date.as_deref(),
                jurisdiction: &jurisdiction,
            };
            eligibility::run(&pool, &query, csv.as_deref()).await?;
        }
        Command::ImportPlan {
            file,
            json,
            no_evidence,
        } => return Ok(import_plan::run(&file, json, no_evidence)),
        Command::Backup { out, db } => {
            return Ok(backup::backup_command(&out, db.data_dir, db.database_url).await);
        }
        Command::Restore { from, db, force } => {
            return Ok(backup::restore_command(&from, db.data_dir, db.database_url, force).await);
        }
        Command::Transfer { action } => transfer(action).await?,
        Command::User {
            action:
                UserCommand::SetPassword {
                    username,
                    password,
                    db,
                },
        } => {
            let pool = open(&db).await?;
            bootstrap::set_password(&pool, &username, password).await?;
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
