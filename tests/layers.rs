//! The layers of src/ stay layers: every `crate::`, `super::` and `self::` path
//! of every file points to its own layer or one that layer may use, as the
//! table of docs/architecture.md says, and no files read each other in a
//! circle.
//!
//! The module tree is found as the compiler finds it: from src/lib.rs through
//! every `mod name;` (and `#[path = "…"]`), with inline `mod name { … }`
//! blocks, so `super::` inside a file's test module means the file itself.
//! Paths are read from the tokens of the code: comments, strings and
//! characters are skipped, so a doc link or a message never counts.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One row of the architecture table.
#[derive(Debug)]
struct Layer {
    number: u32,
    name: String,
    modules: Vec<String>,
    may_use: BTreeSet<u32>,
}

/// The rows of the first table in `doc` whose header starts with `| Layer`.
fn layers(doc: &str) -> Result<Vec<Layer>, String> {
    let mut rows = doc
        .lines()
        .skip_while(|l| !l.starts_with("| Layer"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    let mut layers = Vec::new();
    for row in rows.by_ref() {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let [layer, modules, _holds, may_use] = cells[..] else {
            return Err(format!(
                "a row of the layer table has not four cells: {row}"
            ));
        };
        let (number, name) = layer
            .split_once(". ")
            .ok_or_else(|| format!("a layer is written `N. name`: {layer}"))?;
        let number: u32 = number
            .parse()
            .map_err(|_| format!("not a layer number: {layer}"))?;
        let modules = modules
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        layers.push(Layer {
            number,
            name: name.to_owned(),
            modules,
            may_use: numbers(may_use)?,
        });
    }
    if layers.is_empty() {
        return Err("docs/architecture.md has no table headed `| Layer`".into());
    }
    Ok(layers)
}

/// "1–3, 5" (or "none") as a set of layer numbers.
fn numbers(text: &str) -> Result<BTreeSet<u32>, String> {
    let mut set = BTreeSet::new();
    if text == "none" {
        return Ok(set);
    }
    for part in text.split(',').map(str::trim) {
        let bad = || format!("`{text}` is not a list of layers like `1–3, 5` or `none`");
        match part.split_once(['–', '-']) {
            Some((a, b)) => {
                let (a, b): (u32, u32) =
                    (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
                set.extend(a..=b);
            }
            None => {
                set.insert(part.parse().map_err(|_| bad())?);
            }
        }
    }
    Ok(set)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Punct(char),
    /// `::`
    Path,
}

/// The tokens of Rust source that matter here: identifiers, string contents
/// (for `#[path]`), `::` and single punctuation; comments, characters,
/// lifetimes and numbers dropped.
fn tokens(src: &str) -> Vec<Token> {
    let s: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let next = s.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 1;
            i += 2;
            while i < s.len() && depth > 0 {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
        } else if (c == 'r' || c == 'b') && raw_string_start(&s, i).is_some() {
            let (hashes, body) = raw_string_start(&s, i).unwrap_or_default();
            let mut j = body;
            let mut text = String::new();
            while j < s.len() {
                if s[j] == '"' && (1..=hashes).all(|k| s.get(j + k) == Some(&'#')) {
                    break;
                }
                text.push(s[j]);
                j += 1;
            }
            out.push(Token::Str(text));
            i = j + 1 + hashes;
        } else if c == '"' || (c == 'b' && next == Some('"')) {
            i += if c == 'b' { 2 } else { 1 };
            let mut text = String::new();
            while i < s.len() && s[i] != '"' {
                if s[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = s.get(i) {
                    text.push(ch);
                }
                i += 1;
            }
            out.push(Token::Str(text));
            i += 1;
        } else if c == '\'' {
            // A character ('a', '\n', '\u{1b}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < s.len() && s[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if s.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(s[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_' || s[i] == '.') {
                if s[i] == '.' && s.get(i + 1) == Some(&'.') {
                    break;
                }
                i += 1;
            }
        } else if c == ':' && next == Some(':') {
            out.push(Token::Path);
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// For a raw string starting at `i` (`r"`, `r#"`, `br##"`), its number of
/// `#` and where its text begins.
fn raw_string_start(s: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if s.get(j) == Some(&'b') {
        j += 1;
    }
    if s.get(j) != Some(&'r') {
        return None;
    }
    // An identifier like `rate` or `br` is not a raw string.
    if i > 0 && (s[i - 1].is_alphanumeric() || s[i - 1] == '_') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while s.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (s.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

/// A source file of the crate and the module it is.
#[derive(Debug)]
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
}

/// Every file of the library, from `lib.rs` down its `mod` declarations.
/// `read` gives a file's text by its path under `src`.
fn module_tree(read: &dyn Fn(&Path) -> Option<String>) -> Result<Vec<SourceFile>, String> {
    let mut files = Vec::new();
    let mut todo = vec![(PathBuf::from("lib.rs"), Vec::<String>::new())];
    while let Some((path, module)) = todo.pop() {
        let text =
            read(&path).ok_or_else(|| format!("src/{} is declared but missing", path.display()))?;
        let toks = tokens(&text);
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // Children of lib.rs and mod.rs sit beside them; of a.rs, in a/.
        let child_dir = if module.is_empty() || stem == "mod" {
            dir.clone()
        } else {
            dir.join(stem)
        };
        let mut inline: Vec<(String, usize)> = Vec::new();
        let mut depth = 0usize;
        let mut path_attr: Option<String> = None;
        for k in 0..toks.len() {
            match &toks[k] {
                Token::Punct('{') => depth += 1,
                Token::Punct('}') => {
                    depth = depth.saturating_sub(1);
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                }
                Token::Ident(id) if id == "path" => {
                    if let (Some(Token::Punct('=')), Some(Token::Str(p))) =
                        (toks.get(k + 1), toks.get(k + 2))
                    {
                        path_attr = Some(p.clone());
                    }
                }
                Token::Ident(id) if id == "mod" => {
                    let Some(Token::Ident(name)) = toks.get(k + 1) else {
                        continue;
                    };
                    match toks.get(k + 2) {
                        Some(Token::Punct(';')) if inline.is_empty() => {
                            let file = match path_attr.take() {
                                Some(p) => dir.join(p),
                                None if read(&child_dir.join(format!("{name}.rs"))).is_some() => {
                                    child_dir.join(format!("{name}.rs"))
                                }
                                None => child_dir.join(name).join("mod.rs"),
                            };
                            let mut m = module.clone();
                            m.push(name.clone());
                            todo.push((file, m));
                        }
                        Some(Token::Punct('{')) => inline.push((name.clone(), depth)),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        files.push(SourceFile { path, module });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The module paths a file names, as absolute module paths: every path that
/// starts with `crate`, `super` or `self`, `use` groups expanded.
fn named_paths(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut k = 0;
    while k < toks.len() {
        match &toks[k] {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Token::Ident(id) if id == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Punct('{'))) =
                    (toks.get(k + 1), toks.get(k + 2))
                {
                    inline.push((name.clone(), depth + 1));
                    depth += 1;
                    k += 3;
                    continue;
                }
            }
            Token::Ident(id)
                if matches!(id.as_str(), "crate" | "super" | "self")
                    && toks.get(k + 1) == Some(&Token::Path)
                    && !matches!(
                        k.checked_sub(1).map(|p| &toks[p]),
                        Some(Token::Punct('$')) | Some(Token::Path)
                    )
                    && !matches!(k.checked_sub(1).map(|p| &toks[p]), Some(Token::Ident(w)) if w == "in") =>
            {
                let mut here: Vec<String> = module.to_vec();
                here.extend(inline.iter().map(|(n, _)| n.clone()));
                let (paths, end) = path_at(&toks, k, &here);
                out.extend(paths);
                k = end;
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// The absolute paths of the path starting at token `k`, and the token after
/// it. `base` is the module a leading `self` or `super` is relative to (the
/// module the path is written in), and what a path inside a `use` group
/// continues.
fn path_at(toks: &[Token], mut k: usize, base: &[String]) -> (Vec<Vec<String>>, usize) {
    let mut prefix: Vec<String> = base.to_vec();
    loop {
        match toks.get(k) {
            Some(Token::Ident(id)) if id == "crate" => prefix.clear(),
            Some(Token::Ident(id)) if id == "super" => {
                prefix.pop();
            }
            Some(Token::Ident(id)) if id == "self" => {}
            Some(Token::Ident(id)) => prefix.push(id.clone()),
            Some(Token::Punct('{')) => {
                let mut paths = Vec::new();
                k += 1;
                while !matches!(toks.get(k), Some(Token::Punct('}')) | None) {
                    if let Some(Token::Ident(_)) = toks.get(k) {
                        let (inner, end) = path_at(toks, k, &prefix);
                        paths.extend(inner);
                        k = end;
                    } else {
                        k += 1;
                    }
                }
                return (paths, k + 1);
            }
            _ => return (vec![prefix], k),
        }
        k += 1;
        if toks.get(k) == Some(&Token::Path) {
            k += 1;
        } else {
            return (vec![prefix], k);
        }
    }
}

/// What is wrong with the layers of the files `files` (path under src/ and
/// text) against the table `doc`: one line per import that runs up, per file
/// in no layer, per circle of files.
fn problems(doc: &str, files: &BTreeMap<PathBuf, String>) -> Result<Vec<String>, String> {
    let layers = layers(doc)?;
    let read = |p: &Path| files.get(p).cloned();
    let tree = module_tree(&read)?;
    let layer_of = |top: &str| layers.iter().find(|l| l.modules.iter().any(|m| m == top));
    let by_module: BTreeMap<&[String], &Path> = tree
        .iter()
        .map(|f| (f.module.as_slice(), f.path.as_path()))
        .collect();
    let mut problems = Vec::new();
    let mut edges: BTreeMap<&Path, BTreeSet<&Path>> = BTreeMap::new();
    for file in &tree {
        let Some(top) = file.module.first() else {
            continue;
        };
        let Some(layer) = layer_of(top) else {
            problems.push(format!(
                "src/{} is in module `{top}`, which no layer of docs/architecture.md holds: \
                 add it to the table",
                file.path.display()
            ));
            continue;
        };
        for path in named_paths(&files[&file.path], &file.module) {
            // The file of the longest module prefix.
            let target = (1..=path.len())
                .rev()
                .find_map(|n| by_module.get(&path[..n]).map(|&p| (n, p)));
            let Some((n, target)) = target else { continue };
            // A module uses its own submodules as parts of itself: only the
            // other direction, and paths between other files, can close a
            // circle.
            let own_part = n > file.module.len() && path[..file.module.len()] == file.module[..];
            if target != file.path && !own_part {
                edges.entry(&file.path).or_default().insert(target);
            }
            let Some(other) = path.first().and_then(|t| layer_of(t)) else {
                continue;
            };
            if other.number != layer.number && !layer.may_use.contains(&other.number) {
                problems.push(format!(
                    "src/{} (layer {}. {}) uses crate::{} (layer {}. {}), which it may not use: \
                     move what it needs down, or change docs/architecture.md",
                    file.path.display(),
                    layer.number,
                    layer.name,
                    path.join("::"),
                    other.number,
                    other.name
                ));
            }
        }
    }
    problems.extend(circles(&edges));
    Ok(problems)
}

/// One line per circle of files that read each other (strongly connected
/// components of more than one file).
fn circles(edges: &BTreeMap<&Path, BTreeSet<&Path>>) -> Vec<String> {
    // Kosaraju: order by finish time, then collect on the reversed graph.
    let nodes: BTreeSet<&Path> = edges
        .iter()
        .flat_map(|(a, bs)| std::iter::once(*a).chain(bs.iter().copied()))
        .collect();
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for &start in &nodes {
        if !seen.insert(start) {
            continue;
        }
        let mut stack = vec![(
            start,
            edges
                .get(start)
                .map(|s| s.iter().copied().collect::<Vec<_>>())
                .unwrap_or_default(),
        )];
        while let Some((node, next)) = stack.last_mut() {
            if let Some(n) = next.pop() {
                if seen.insert(n) {
                    let more = edges
                        .get(n)
                        .map(|s| s.iter().copied().collect())
                        .unwrap_or_default();
                    stack.push((n, more));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    let mut reverse: BTreeMap<&Path, Vec<&Path>> = BTreeMap::new();
    for (a, bs) in edges {
        for b in bs {
            reverse.entry(b).or_default().push(a);
        }
    }
    let mut assigned = BTreeSet::new();
    let mut lines = Vec::new();
    for &root in order.iter().rev() {
        if !assigned.insert(root) {
            continue;
        }
        let mut component = vec![root];
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            for &m in reverse.get(n).into_iter().flatten() {
                if assigned.insert(m) {
                    component.push(m);
                    stack.push(m);
                }
            }
        }
        if component.len() > 1 {
            let mut names: Vec<String> = component
                .iter()
                .map(|p| format!("src/{}", p.display()))
                .collect();
            names.sort();
            lines.push(format!(
                "these files read each other in a circle: {}",
                names.join(", ")
            ));
        }
    }
    lines
}

/// Every .rs file under `dir`, keyed by its path under src/.
fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, String>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry of src/").path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let key = path.strip_prefix(root).expect("under src/").to_path_buf();
            files.insert(
                key,
                fs::read_to_string(&path).expect("a source file is UTF-8"),
            );
        }
    }
}

fn architecture() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
        .expect("docs/architecture.md")
}

#[test]
fn every_import_points_down_and_no_files_form_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    read_tree(&root, &root, &mut files);
    let problems = problems(&architecture(), &files).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_module_of_lib_rs_is_in_exactly_one_layer() {
    let layers = layers(&architecture()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    read_tree(&root, &root, &mut files);
    let tree = module_tree(&|p| files.get(p).cloned()).unwrap();
    let tops: BTreeSet<&str> = tree
        .iter()
        .filter_map(|f| f.module.first())
        .map(String::as_str)
        .collect();
    for top in &tops {
        let holding: Vec<u32> = layers
            .iter()
            .filter(|l| l.modules.iter().any(|m| m == top))
            .map(|l| l.number)
            .collect();
        assert_eq!(holding.len(), 1, "module `{top}` is in layers {holding:?}");
    }
    // The table names no module that does not exist, and every layer may use
    // only layers below it.
    for layer in &layers {
        for m in &layer.modules {
            assert!(
                tops.contains(m.as_str()),
                "layer {} names `{m}`, which lib.rs does not declare",
                layer.number
            );
        }
        assert!(
            layer.may_use.iter().all(|&n| n < layer.number),
            "layer {} may use a layer that is not below it: {:?}",
            layer.number,
            layer.may_use
        );
    }
    // Every file under src/ but main.rs is part of the library.
    let reached: BTreeSet<&Path> = tree.iter().map(|f| f.path.as_path()).collect();
    for path in files.keys() {
        if path != Path::new("main.rs") {
            assert!(
                reached.contains(path.as_path()),
                "src/{} is not declared by any `mod`",
                path.display()
            );
        }
    }
}

/// A small tree with a table of two layers, for the checker's own tests.
fn small_tree(extra: &[(&str, &str)]) -> (String, BTreeMap<PathBuf, String>) {
    let doc = "\
| Layer | Modules | Holds | May use |
|---|---|---|---|
| 1. Low | `low` | facts | none |
| 2. High | `high` | commands | 1 |
";
    let mut files: BTreeMap<PathBuf, String> = [
        ("lib.rs", "pub mod high;\npub mod low;\n"),
        ("low.rs", "//! uses crate::high in a comment only\npub mod part;\npub const A: &str = \"crate::high::B\";\n"),
        ("low/part.rs", "use super::A;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n"),
        ("high.rs", "use crate::low::{self, A};\npub const B: &str = low::A;\n"),
    ]
    .into_iter()
    .map(|(p, t)| (PathBuf::from(p), t.to_owned()))
    .collect();
    for (p, t) in extra {
        files.insert(PathBuf::from(p), (*t).to_owned());
    }
    (doc.to_owned(), files)
}

#[test]
fn a_clean_tree_passes_whatever_its_comments_and_strings_say() {
    let (doc, files) = small_tree(&[]);
    assert_eq!(problems(&doc, &files).unwrap(), Vec::<String>::new());
}

#[test]
fn an_import_that_runs_up_is_named_with_both_layers() {
    let (doc, files) = small_tree(&[(
        "low/part.rs",
        "use super::A;\nfn f() -> &'static str { crate::high::B }\n",
    )]);
    assert_eq!(
        problems(&doc, &files).unwrap(),
        vec![
            "src/low/part.rs (layer 1. Low) uses crate::high::B (layer 2. High), which it may not use: \
             move what it needs down, or change docs/architecture.md"
                .to_owned(),
        ]
    );
}

#[test]
fn grouped_and_relative_imports_are_resolved() {
    // `super::super::high` from low/part.rs is crate::high; a group hides it
    // inside braces.
    let (doc, files) = small_tree(&[("low/part.rs", "use super::{A, super::high::B};\n")]);
    let found = problems(&doc, &files).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("src/low/part.rs (layer 1. Low) uses crate::high::B"),
        "{found:?}"
    );
}

#[test]
fn files_that_read_each_other_are_a_circle() {
    let (doc, files) = small_tree(&[
        (
            "low.rs",
            "pub mod part;\npub mod side;\npub const A: &str = part::C;\n",
        ),
        (
            "low/part.rs",
            "pub const C: &str = \"c\";\npub fn g() { super::side::h() }\n",
        ),
        (
            "low/side.rs",
            "pub fn h() { let _ = crate::low::part::C; }\n",
        ),
    ]);
    assert_eq!(
        problems(&doc, &files).unwrap(),
        vec![
            "these files read each other in a circle: src/low/part.rs, src/low/side.rs".to_owned()
        ]
    );
}

#[test]
fn a_module_in_no_layer_must_be_placed() {
    let (doc, mut files) = small_tree(&[("stray.rs", "pub const S: u8 = 1;\n")]);
    files.insert(
        PathBuf::from("lib.rs"),
        "pub mod high;\npub mod low;\npub mod stray;\n".into(),
    );
    assert_eq!(
        problems(&doc, &files).unwrap(),
        vec![
            "src/stray.rs is in module `stray`, which no layer of docs/architecture.md holds: add it to the table"
                .to_owned()
        ]
    );
}
