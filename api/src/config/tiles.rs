//! The home hub's tiles, as the operator configures them: in the config file
//! as `[[home_tiles]]` tables, or as the same list in JSON in
//! `UPSERS_HOME_TILES` / `--home-tiles`. Each tile has an id, a title and a
//! description in every language the portal speaks, and where it goes: an
//! `https://` address or a portal route. Demo mode without tiles gets a set
//! of its own; production without tiles shows none (never a link to nowhere).

use std::collections::HashSet;
use std::str::FromStr;

use anyhow::bail;
use serde::Deserialize;
use upsers_contract as wire;

/// Most tiles the hub shows.
const MAX_TILES: usize = 12;
const MAX_TITLE: usize = 60;
const MAX_DESCRIPTION: usize = 160;

/// The tiles as given, before they are checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct TileList(Vec<TileSetting>);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TileSetting {
    id: String,
    title: wire::Localized,
    description: wire::Localized,
    /// An `https://` address, or a portal route such as `/help`.
    href: String,
}

impl FromStr for TileList {
    type Err = String;

    /// The JSON form, for the environment and the command line.
    fn from_str(text: &str) -> Result<TileList, String> {
        serde_json::from_str(text).map_err(|error| format!("home_tiles: {error}"))
    }
}

/// The portal's routes a tile may open (the SPA's pages an employee signed
/// in can use).
const PORTAL_ROUTES: &[&str] = &[
    "/home",
    "/account",
    "/help",
    "/help/reset-pin",
    "/help/new-user",
    "/help/mfa",
    "/help/troubleshooting",
    "/help/contact",
    "/forgot",
];

/// The tiles to serve: the configured ones, checked, else demo mode's set.
pub fn resolve(given: Option<&TileList>, demo: bool) -> anyhow::Result<Vec<wire::Tile>> {
    let Some(TileList(given)) = given else {
        return Ok(if demo { demo_tiles() } else { Vec::new() });
    };
    if given.len() > MAX_TILES {
        bail!("home_tiles: at most {MAX_TILES} tiles, got {}", given.len());
    }
    let mut ids = HashSet::new();
    given
        .iter()
        .map(|tile| {
            let id = &tile.id;
            if id.is_empty()
                || id.len() > 32
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                bail!("home_tiles: id {id:?} must be 1 to 32 of a-z, 0-9 and -");
            }
            if !ids.insert(id.clone()) {
                bail!("home_tiles: id {id:?} is given twice");
            }
            check_text(id, "title", &tile.title, MAX_TITLE)?;
            check_text(id, "description", &tile.description, MAX_DESCRIPTION)?;
            check_href(id, &tile.href)?;
            Ok(wire::Tile {
                id: id.clone(),
                title: trimmed(&tile.title),
                description: trimmed(&tile.description),
                href: tile.href.clone(),
            })
        })
        .collect()
}

fn check_text(id: &str, what: &str, text: &wire::Localized, max: usize) -> anyhow::Result<()> {
    for (language, value) in [("en", &text.en), ("es", &text.es)] {
        let length = value.trim().chars().count();
        if length == 0 || length > max {
            bail!("home_tiles: tile {id:?} needs a {what} in {language} of 1 to {max} characters");
        }
    }
    Ok(())
}

/// An `https://` address with a host, or one of the portal's routes: a tile
/// always goes somewhere real.
fn check_href(id: &str, href: &str) -> anyhow::Result<()> {
    let external = href.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !href.contains(char::is_whitespace) && href.len() <= 2000
    });
    if external || PORTAL_ROUTES.contains(&href) {
        return Ok(());
    }
    bail!(
        "home_tiles: tile {id:?} goes to {href:?}: give an https:// address or one of the portal's routes ({})",
        PORTAL_ROUTES.join(", ")
    )
}

fn trimmed(text: &wire::Localized) -> wire::Localized {
    wire::Localized {
        en: text.en.trim().to_owned(),
        es: text.es.trim().to_owned(),
    }
}

/// Demo mode's hub: the demo company's services (on `.example` hosts, which
/// never resolve to someone else's site) and the portal's own help.
fn demo_tiles() -> Vec<wire::Tile> {
    [
        (
            "pay",
            ("Pay & benefits", "Pago y beneficios"),
            (
                "Pay statements, tax forms and benefits.",
                "Recibos de pago, formularios de impuestos y beneficios.",
            ),
            "https://pay.upsers.example",
        ),
        (
            "schedule",
            ("My schedule", "Mi horario"),
            (
                "Shifts, routes and time off.",
                "Turnos, rutas y días libres.",
            ),
            "https://schedule.upsers.example",
        ),
        (
            "training",
            ("Training", "Capacitación"),
            (
                "Required courses and certificates.",
                "Cursos obligatorios y certificados.",
            ),
            "https://learning.upsers.example",
        ),
        (
            "help",
            ("Help & Support", "Ayuda y soporte"),
            (
                "Guides, and how to reach the Technical Support Center.",
                "Guías y cómo comunicarse con el Centro de Soporte Técnico.",
            ),
            "/help",
        ),
    ]
    .into_iter()
    .map(
        |(id, (title_en, title_es), (text_en, text_es), href)| wire::Tile {
            id: id.into(),
            title: wire::Localized {
                en: title_en.into(),
                es: title_es.into(),
            },
            description: wire::Localized {
                en: text_en.into(),
                es: text_es.into(),
            },
            href: href.into(),
        },
    )
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(json: &str) -> TileList {
        json.parse().unwrap()
    }

    const ONE: &str = r#"[{"id": "pay", "title": {"en": " Pay ", "es": "Pago"},
        "description": {"en": "Pay statements.", "es": "Recibos."}, "href": "https://pay.example.com/me"}]"#;

    #[test]
    fn configured_tiles_replace_the_demo_set_and_are_trimmed() {
        let tiles = resolve(Some(&list(ONE)), true).unwrap();
        assert_eq!(tiles.len(), 1);
        assert_eq!(tiles[0].title.en, "Pay");
        assert_eq!(tiles[0].href, "https://pay.example.com/me");
    }

    #[test]
    fn the_config_file_gives_tiles_as_tables() {
        let file: super::super::Overrides = toml::from_str(
            r#"
            [[home_tiles]]
            id = "schedule"
            title = { en = "My schedule", es = "Mi horario" }
            description = { en = "Shifts.", es = "Turnos." }
            href = "https://schedule.example.com"
            "#,
        )
        .unwrap();
        let tiles = resolve(file.home_tiles.as_ref(), false).unwrap();
        assert_eq!(tiles[0].title.es, "Mi horario");
        assert_eq!(tiles[0].href, "https://schedule.example.com");
    }

    #[test]
    fn demo_mode_has_a_set_and_production_none_by_default() {
        let demo = resolve(None, true).unwrap();
        assert!(demo.len() >= 3);
        for tile in &demo {
            assert!(check_href(&tile.id, &tile.href).is_ok(), "{}", tile.href);
            assert!(!tile.title.es.is_empty() && !tile.description.es.is_empty());
        }
        assert!(resolve(None, false).unwrap().is_empty());
    }

    #[test]
    fn a_tile_must_go_somewhere_real_and_say_what_it_is_in_each_language() {
        for (href, ok) in [
            ("https://pay.example.com", true),
            ("/help", true),
            ("/help/mfa", true),
            ("#", false),
            ("/home#pay", false),
            ("http://pay.example.com", false),
            ("https://", false),
            ("https:///path", false),
            ("javascript:alert(1)", false),
            ("//evil.example", false),
            ("/api/v1/logout", false),
            ("https://pay.example.com/a b", false),
        ] {
            let json = ONE.replace("https://pay.example.com/me", href);
            assert_eq!(resolve(Some(&list(&json)), false).is_ok(), ok, "{href}");
        }
        let no_spanish = ONE.replace(r#""es": "Pago""#, r#""es": "  ""#);
        let error = resolve(Some(&list(&no_spanish)), false).unwrap_err();
        assert!(error.to_string().contains("title in es"), "{error}");
        let twice = format!("[{0},{0}]", &ONE[1..ONE.len() - 1]);
        assert!(
            resolve(Some(&list(&twice)), false).is_err(),
            "ids are unique"
        );
        let bad_id = ONE.replace(r#""id": "pay""#, r#""id": "Pay Stuff""#);
        assert!(resolve(Some(&list(&bad_id)), false).is_err());
        assert!(
            "[{\"id\": 1}]".parse::<TileList>().is_err(),
            "wrong types are refused"
        );
    }
}
