//! The statutory statistics of emulation and commendation work (*Thông tư 02/2023/TT-BNV*, Biểu
//! 0601.N–0605.N/BNV-TĐKT): the forms' rows and columns ([`forms`]) and which cells a record counts
//! in ([`classify`]). Pure: the app loads the records and the hand-entered figures, this decides.
//!
//! Sources of the layouts (the circular's annex itself was not found in a public text source):
//! the prior-art templates of `lifephongphanmem/thiduakhenthuong`
//! (`resources/views/BaoCao/TT022023/Mau0601…0603.blade.php`) and an earlier copy of its Mau0604;
//! Biểu 0605.N is reconstructed from the circular's name of the form only and marked [U].

pub mod classify;
pub mod forms;
mod forms_data;

pub use classify::{AwardFact, CampaignFact, LaunchLevel, PersonClass, Recipient};
pub use forms::{ColDef, FormDef, FormId, HeadCell, RowDef};
