//! Debug helper: prints the cleaned/restored lines of a text file with their line numbers.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for (no, line) in thidua_plan::debug_lines(&text) {
        println!("{no:4} {line}");
    }
}
