//! The five annual forms as data: header cells (with their spans), the leaf columns with their codes,
//! the rows with their codes and units, and which cells the office enters by hand because the records
//! cannot give them. Labels follow the sources named in the module above; what could not be checked
//! against the circular is marked [U] in [`FormDef::verified`] and shown on the page.

/// One of the five forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormId {
    Movements,
    StateAwards,
    ProvinceAwards,
    Organisations,
    Staff,
}

impl FormId {
    pub const ALL: [FormId; 5] = [
        Self::Movements,
        Self::StateAwards,
        Self::ProvinceAwards,
        Self::Organisations,
        Self::Staff,
    ];

    /// "0601" … "0605", as in the URL and the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::Movements => "0601",
            Self::StateAwards => "0602",
            Self::ProvinceAwards => "0603",
            Self::Organisations => "0604",
            Self::Staff => "0605",
        }
    }

    pub fn parse(code: &str) -> Option<FormId> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// "0601.N/BNV-TĐKT".
    pub fn symbol(self) -> String {
        format!("{}.N/BNV-TĐKT", self.code())
    }

    /// The form's definition.
    pub fn def(self) -> FormDef {
        match self {
            Self::Movements => super::forms_data::movements(),
            Self::StateAwards => super::forms_data::state_awards(),
            Self::ProvinceAwards => super::forms_data::province_awards(),
            Self::Organisations => super::forms_data::organisations(),
            Self::Staff => super::forms_data::staff(),
        }
    }
}

/// A header cell: its text and how many leaf columns and header rows it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadCell {
    pub text: &'static str,
    pub colspan: u16,
    pub rowspan: u16,
}

/// A header cell spanning `colspan` columns and `rowspan` rows.
pub const fn h(text: &'static str, colspan: u16, rowspan: u16) -> HeadCell {
    HeadCell {
        text,
        colspan,
        rowspan,
    }
}

/// A leaf column: its code in the code row ("1", "2", "2a") and whether the records fill it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColDef {
    pub code: &'static str,
    /// Entered by hand: the system keeps no record to count (e.g. Giải thưởng Hồ Chí Minh).
    pub manual: bool,
}

/// A row of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowDef {
    /// "01"; empty for a section heading.
    pub code: &'static str,
    pub label: &'static str,
    /// Column C (Đơn vị tính), when the form has one.
    pub unit: &'static str,
    pub bold: bool,
    /// Entered by hand (every cell of the row).
    pub manual: bool,
    /// A total of other hand-entered rows, column by column (0604, 0605).
    pub sum_of: &'static [&'static str],
}

impl RowDef {
    pub fn is_heading(&self) -> bool {
        self.code.is_empty()
    }
}

/// A whole form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDef {
    pub id: FormId,
    /// "SỐ PHONG TRÀO THI ĐUA".
    pub title: &'static str,
    /// "Đơn vị tính: Phong trào", or empty when column C carries the unit per row.
    pub unit_note: &'static str,
    /// Whether column C (Đơn vị tính) is there.
    pub has_unit_col: bool,
    /// Header rows above the code row; the first cells (label, Mã số, Đơn vị tính) span them all.
    pub head: Vec<Vec<HeadCell>>,
    pub cols: Vec<ColDef>,
    pub rows: Vec<RowDef>,
    /// Footnotes printed under the table.
    pub notes: Vec<&'static str>,
    /// False when the layout is reconstructed and not checked against the circular ([U]).
    pub verified: bool,
    /// Printed on A4 landscape.
    pub landscape: bool,
}

impl FormDef {
    pub fn row(&self, code: &str) -> Option<&RowDef> {
        self.rows.iter().find(|r| !r.is_heading() && r.code == code)
    }

    pub fn col(&self, code: &str) -> Option<&ColDef> {
        self.cols.iter().find(|c| c.code == code)
    }

    /// A cell the office enters by hand.
    pub fn is_manual(&self, row: &RowDef, col: &ColDef) -> bool {
        (row.manual || col.manual) && row.sum_of.is_empty()
    }

    /// The header texts above leaf column `code`, top to bottom ("Bằng khen của Thủ tướng Chính phủ
    /// — Tập thể"), placed as an HTML table places spanned cells.
    pub fn col_title(&self, code: &str) -> String {
        let Some(target) = self.cols.iter().position(|c| c.code == code) else {
            return String::new();
        };
        let width = self.cols.len();
        let mut taken = vec![vec![false; width]; self.head.len()];
        let mut out = Vec::new();
        for (ri, row) in self.head.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while c < width && taken[ri][c] {
                    c += 1;
                }
                let (cs, rs) = (
                    usize::from(cell.colspan.max(1)),
                    usize::from(cell.rowspan.max(1)),
                );
                for line in taken.iter_mut().skip(ri).take(rs) {
                    for slot in line.iter_mut().skip(c).take(cs) {
                        *slot = true;
                    }
                }
                if (c..c + cs).contains(&target) {
                    out.push(cell.text);
                }
                c += cs;
            }
        }
        out.join(" — ")
    }

    /// The code row under the header: A, B, (C), then the leaf columns' codes.
    pub fn code_row(&self) -> Vec<&'static str> {
        let mut out = vec!["A", "B"];
        if self.has_unit_col {
            out.push("C");
        }
        out.extend(self.cols.iter().map(|c| c.code));
        out
    }
}

pub(crate) const fn col(code: &'static str) -> ColDef {
    ColDef {
        code,
        manual: false,
    }
}

pub(crate) const fn col_manual(code: &'static str) -> ColDef {
    ColDef { code, manual: true }
}

pub(crate) const fn heading(label: &'static str) -> RowDef {
    RowDef {
        code: "",
        label,
        unit: "",
        bold: true,
        manual: false,
        sum_of: &[],
    }
}

pub(crate) const fn row(code: &'static str, label: &'static str, unit: &'static str) -> RowDef {
    RowDef {
        code,
        label,
        unit,
        bold: false,
        manual: false,
        sum_of: &[],
    }
}

pub(crate) const fn row_manual(
    code: &'static str,
    label: &'static str,
    unit: &'static str,
) -> RowDef {
    RowDef {
        code,
        label,
        unit,
        bold: false,
        manual: true,
        sum_of: &[],
    }
}

pub(crate) const fn total(code: &'static str, unit: &'static str) -> RowDef {
    RowDef {
        code,
        label: "Tổng số",
        unit,
        bold: true,
        manual: false,
        sum_of: &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_has_as_many_leaf_columns_as_its_header_spans() {
        for f in FormId::ALL {
            let d = f.def();
            // The last header row's cells plus the columns spanned from above must give the leaves;
            // the simplest invariant: the first header row spans every leaf column.
            let first: u16 = d.head[0].iter().map(|c| c.colspan).sum();
            assert_eq!(usize::from(first), d.cols.len(), "{}", f.code());
            assert_eq!(FormId::parse(f.code()), Some(f));
        }
    }

    #[test]
    fn a_leaf_column_is_named_by_the_header_cells_above_it() {
        let d = FormId::StateAwards.def();
        assert_eq!(
            d.col_title("7a"),
            "Chia ra — Bằng khen của Thủ tướng Chính phủ — Tập thể"
        );
        assert_eq!(d.col_title("1"), "Tổng số");
        let m = FormId::Movements.def();
        assert!(m.col_title("4").ends_with("Cơ quan, tổ chức, đơn vị"));
    }

    #[test]
    fn row_codes_are_unique_within_a_form() {
        for f in FormId::ALL {
            let d = f.def();
            let mut codes: Vec<_> = d
                .rows
                .iter()
                .filter(|r| !r.is_heading())
                .map(|r| r.code)
                .collect();
            let n = codes.len();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), n, "{}", f.code());
        }
    }

    #[test]
    fn hand_entered_cells_are_where_the_records_say_nothing() {
        let d = FormId::StateAwards.def();
        let households = d.row("08").unwrap();
        let total_col = d.col("1").unwrap();
        assert!(d.is_manual(households, total_col));
        let individuals = d.row("09").unwrap();
        assert!(!d.is_manual(individuals, total_col));
        assert!(d.is_manual(individuals, d.col("3").unwrap()));
        let staff = FormId::Staff.def();
        assert!(!staff.is_manual(staff.row("01").unwrap(), staff.col("1").unwrap()));
        assert!(staff.is_manual(staff.row("02").unwrap(), staff.col("1").unwrap()));
    }
}
