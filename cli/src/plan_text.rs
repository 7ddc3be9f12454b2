//! The safety plan as a text file to edit in `$EDITOR`, and back.
//!
//! ```text
//! ## Warning signs [warning_signs]
//! - I start checking their profile
//! - a long item
//!   continued on an indented line
//!
//! ## People I can ask for help [people_to_ask]
//! - Sam | 555 0101, evenings
//!
//! ## Code word [code_word]
//! blue heron
//!
//! ## Go-bag checklist [go_bag]
//! - [x] spare keys
//! - [ ] phone charger
//! ```
//!
//! The `[id]` names the section (the title is only for the reader; a
//! heading without an id is matched by its title). Lines starting with `#`
//! before the first section are comments. Blank lines are ignored, as are
//! empty `- ` items. A `|` in a contact's name is written `\|`. Each item is
//! trimmed of surrounding white space. Missing sections are empty.

use std::fmt;

use nocontact_core::{ChecklistItem, SafetyPlan, SafetyPlanSection, SupportContact};

const HEADER: &str = "\
# Your safety plan. Save and close the editor to keep the changes.
#
# Each section starts with \"## Title [id]\": keep the [id]; the title is only for you.
# Items start with \"- \". To continue an item on the next line, indent that line.
# People: \"- Name | how to reach\". Checklists: \"- [x] done\" or \"- [ ] not yet\".
# The code word is a plain line. Lines starting with \"#\" up here are ignored.
";

/// What a line of the text form got wrong. Only the line number and a fixed
/// description: never the user's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanTextError {
    pub(crate) line: usize,
    pub(crate) problem: &'static str,
}

impl fmt::Display for PlanTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    List,
    Contacts,
    Checklist,
    Word,
}

fn shape(section: SafetyPlanSection) -> Shape {
    use SafetyPlanSection as S;
    match section {
        S::PeopleToAsk | S::Professionals => Shape::Contacts,
        S::GoBag | S::Documents => Shape::Checklist,
        S::CodeWord => Shape::Word,
        _ => Shape::List,
    }
}

fn list_mut(plan: &mut SafetyPlan, section: SafetyPlanSection) -> Option<&mut Vec<String>> {
    use SafetyPlanSection as S;
    Some(match section {
        S::WarningSigns => &mut plan.warning_signs,
        S::CopingStrategies => &mut plan.coping_strategies,
        S::Distractions => &mut plan.distractions,
        S::SafeEnvironment => &mut plan.safe_environment,
        S::Reasons => &mut plan.reasons,
        S::IfTheyShowUp => &mut plan.if_they_show_up,
        S::SafePlaces => &mut plan.safe_places,
        _ => return None,
    })
}

fn contacts_mut(
    plan: &mut SafetyPlan,
    section: SafetyPlanSection,
) -> Option<&mut Vec<SupportContact>> {
    match section {
        SafetyPlanSection::PeopleToAsk => Some(&mut plan.people_to_ask),
        SafetyPlanSection::Professionals => Some(&mut plan.professionals),
        _ => None,
    }
}

fn checklist_mut(
    plan: &mut SafetyPlan,
    section: SafetyPlanSection,
) -> Option<&mut Vec<ChecklistItem>> {
    match section {
        SafetyPlanSection::GoBag => Some(&mut plan.go_bag),
        SafetyPlanSection::Documents => Some(&mut plan.documents),
        _ => None,
    }
}

/// The items of a section as they are written in the text form, without
/// the leading "- " (for `plan show` too). The code word is one item.
pub(crate) fn section_items(plan: &SafetyPlan, section: SafetyPlanSection) -> Vec<String> {
    let mut plan = plan.clone();
    if let Some(list) = list_mut(&mut plan, section) {
        return list.clone();
    }
    if let Some(contacts) = contacts_mut(&mut plan, section) {
        return contacts
            .iter()
            .map(|c| {
                let name = c.name.replace('|', "\\|");
                if c.how_to_reach.is_empty() {
                    name
                } else {
                    format!("{name} | {}", c.how_to_reach)
                }
            })
            .collect();
    }
    if let Some(items) = checklist_mut(&mut plan, section) {
        return items
            .iter()
            .map(|i| format!("[{}] {}", if i.done { 'x' } else { ' ' }, i.text))
            .collect();
    }
    if plan.code_word.is_empty() {
        Vec::new()
    } else {
        vec![plan.code_word.clone()]
    }
}

/// The text form of a plan, every section present.
pub(crate) fn render(plan: &SafetyPlan) -> String {
    let mut out = String::from(HEADER);
    for section in SafetyPlanSection::ALL {
        out += &format!("\n## {} [{}]\n", section.title(), section.id());
        for item in section_items(plan, section) {
            let mut lines = item.lines();
            if shape(section) == Shape::Word {
                lines.for_each(|l| out += &format!("{l}\n"));
                continue;
            }
            out += &format!("- {}\n", lines.next().unwrap_or_default());
            lines.for_each(|l| out += &format!("  {l}\n"));
        }
    }
    out
}

/// Reads the text form back.
pub(crate) fn parse(text: &str) -> Result<SafetyPlan, PlanTextError> {
    let mut plan = SafetyPlan::default();
    let mut seen: Vec<SafetyPlanSection> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let err = |problem| PlanTextError {
            line: index + 1,
            problem,
        };
        let line = raw.trim_end();
        if line == "##" || line.starts_with("## ") {
            if let Some(&current) = seen.last() {
                finish(&mut plan, current, std::mem::take(&mut items));
            }
            let section = heading(line).ok_or(err("unknown section"))?;
            if seen.contains(&section) {
                return Err(err("this section appears twice"));
            }
            seen.push(section);
            continue;
        }
        let Some(&current) = seen.last() else {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            return Err(err("text before the first \"## \" section"));
        };
        if line.trim().is_empty() {
            continue;
        }
        if shape(current) == Shape::Word {
            let word = line.trim();
            items.push(word.strip_prefix("- ").unwrap_or(word).trim().to_owned());
        } else if line == "-" || line.starts_with("- ") {
            items.push(line[1..].trim().to_owned());
        } else if line.starts_with(char::is_whitespace) {
            match items.last_mut() {
                Some(item) if !item.is_empty() => {
                    item.push('\n');
                    item.push_str(line.trim());
                }
                _ => return Err(err("an indented line needs an item above it")),
            }
        } else {
            return Err(err("an item should start with \"- \""));
        }
    }
    if let Some(&current) = seen.last() {
        finish(&mut plan, current, items);
    }
    Ok(plan)
}

/// The section a heading line names: by `[id]`, else by its title.
fn heading(line: &str) -> Option<SafetyPlanSection> {
    let text = line.trim_start_matches('#').trim();
    if let Some(inner) = text.strip_suffix(']') {
        let id = inner.rsplit_once('[')?.1.trim();
        return SafetyPlanSection::ALL.into_iter().find(|s| s.id() == id);
    }
    SafetyPlanSection::ALL
        .into_iter()
        .find(|s| s.title().eq_ignore_ascii_case(text))
}

fn finish(plan: &mut SafetyPlan, section: SafetyPlanSection, items: Vec<String>) {
    let items: Vec<String> = items.into_iter().filter(|i| !i.is_empty()).collect();
    if let Some(list) = list_mut(plan, section) {
        *list = items;
    } else if let Some(contacts) = contacts_mut(plan, section) {
        *contacts = items.iter().map(|i| contact(i)).collect();
    } else if let Some(checklist) = checklist_mut(plan, section) {
        *checklist = items.iter().map(|i| check_item(i)).collect();
    } else {
        plan.code_word = items.join("\n");
    }
}

/// "Name | how to reach", where `\|` is a `|` in the name.
fn contact(item: &str) -> SupportContact {
    let mut name = String::new();
    let mut chars = item.chars().peekable();
    let mut how = None;
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                name.push('|');
                chars.next();
            }
            '|' => {
                how = Some(chars.collect::<String>());
                break;
            }
            c => name.push(c),
        }
    }
    SupportContact {
        name: name.trim().to_owned(),
        how_to_reach: how.map(|h| h.trim().to_owned()).unwrap_or_default(),
    }
}

/// "[x] text", "[ ] text" or plain "text" (not done).
fn check_item(item: &str) -> ChecklistItem {
    let boxes = [("[x]", true), ("[X]", true), ("[ ]", false), ("[]", false)];
    for (mark, done) in boxes {
        if let Some(text) = item.strip_prefix(mark) {
            return ChecklistItem {
                text: text.trim().to_owned(),
                done,
            };
        }
    }
    ChecklistItem {
        text: item.to_owned(),
        done: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, how: &str) -> SupportContact {
        SupportContact {
            name: name.into(),
            how_to_reach: how.into(),
        }
    }

    fn item(text: &str, done: bool) -> ChecklistItem {
        ChecklistItem {
            text: text.into(),
            done,
        }
    }

    fn full_plan() -> SafetyPlan {
        SafetyPlan {
            warning_signs: vec![
                "I reread old messages at 2 a.m.".into(),
                "שלום — right-to-left, and 🌱 emoji".into(),
            ],
            coping_strategies: vec!["Walk round the block\nthen call Sam".into()],
            distractions: vec!["Café Zoë (e\u{301} combining) 👩‍👩‍👧".into()],
            people_to_ask: vec![
                contact("Sam | the neighbour", "555 0101 | evenings"),
                contact("Ana", ""),
            ],
            professionals: vec![contact("Helpline", "0800 000 000")],
            safe_environment: vec!["- starts with a dash".into(), "## not a heading".into()],
            reasons: vec!["[x] not a checkbox here".into()],
            if_they_show_up: vec!["Don't open the door\n## still the same item\n- and this".into()],
            safe_places: vec!["مكتبة المدينة".into()],
            code_word: "blue heron".into(),
            go_bag: vec![item("spare keys", true), item("charger", false)],
            documents: vec![item("[x] in brackets", false), item("passport", true)],
        }
    }

    #[test]
    fn round_trip() {
        let plan = full_plan();
        let text = render(&plan);
        assert_eq!(parse(&text).unwrap(), plan);
        let empty = SafetyPlan::default();
        assert_eq!(parse(&render(&empty)).unwrap(), empty);
        for section in SafetyPlanSection::ALL {
            assert!(text.contains(&format!("## {} [{}]\n", section.title(), section.id())));
        }
        assert!(text.contains("- Sam \\| the neighbour | 555 0101 | evenings\n"));
        assert!(text.contains("- [x] spare keys\n- [ ] charger\n"));
        assert!(text.contains("\nblue heron\n"));
    }

    #[test]
    fn lenient_where_it_is_clear() {
        let text = "\
# a comment

## Warning signs [warning_signs]

-   spaced out   \r

- 
-
- second
\tcontinued with a tab
## people i can ask for help
- Lee|  07 | x   
## Go-bag checklist [go_bag]
- [X] done
- plain
## Code word [code_word]

- fox
";
        let plan = parse(text).unwrap();
        assert_eq!(
            plan.warning_signs,
            ["spaced out", "second\ncontinued with a tab"]
        );
        assert_eq!(plan.people_to_ask, [contact("Lee", "07 | x")]);
        assert_eq!(plan.go_bag, [item("done", true), item("plain", false)]);
        assert_eq!(plan.code_word, "fox");
        assert!(plan.coping_strategies.is_empty());
        assert_eq!(parse("").unwrap(), SafetyPlan::default());
    }

    #[test]
    fn errors_name_the_line_only() {
        let e = |text: &str| parse(text).unwrap_err();
        assert_eq!(
            e("## Warning signs [warning_signs]\n- a\n## Secrets [secrets]\n- b\n"),
            PlanTextError {
                line: 3,
                problem: "unknown section"
            }
        );
        assert_eq!(e("## Not a title\n").line, 1);
        assert_eq!(
            e("\n\nhello\n## Warning signs\n").problem,
            "text before the first \"## \" section"
        );
        assert_eq!(
            e("## Warning signs\n- a\n## Warning signs [warning_signs]\n").problem,
            "this section appears twice"
        );
        assert_eq!(
            e("## Safe places [safe_places]\nmy secret place\n").to_string(),
            "line 2: an item should start with \"- \""
        );
        assert_eq!(
            e("## Safe places [safe_places]\n  indented first\n").problem,
            "an indented line needs an item above it"
        );
    }
}
