//! hoshi-docs integration tests: drafts, originality, markup and HTML, DOCX, LibreOffice.

mod docx;
mod drafts;
mod fixture;
mod libreoffice;
mod markup;
mod originality;
