//! Print pages of document sections: each one's key and its view, every
//! chapter (rendered again by `site::print`) on one page under a contents list.

use std::hash::{Hash, Hasher};

use crate::render::views::{LinkView, PageView, PrintChapterView};
use crate::site::context::{Ctx, Job};
use crate::site::plan::{Planned, Spec};
use crate::site::print::{TEMPLATE, chapter_slug};

impl Ctx<'_> {
    /// The print page of every document section that gets one, with its key: the
    /// section's revision and surroundings and the revision of every chapter.
    pub(crate) fn plan_prints(&self) -> Vec<Planned> {
        let mut plan = Vec::new();
        for s in 0..self.content.sections.len() {
            if self.print_url(s).is_none() {
                continue;
            }
            let sp = self.content.sections[s].index;
            let mut h = self.hasher("print");
            (sp, self.keys.revision[sp]).hash(&mut h);
            self.hash_surroundings(sp, Some(s), &mut h);
            for &j in &self.model.ordered[s] {
                (j, self.keys.revision[j]).hash(&mut h);
            }
            plan.push(Planned {
                out: format!("{}print/index.html", self.section_page(s).path),
                spec: Spec::Print(s),
                key: h.finish(),
            });
        }
        plan
    }

    /// The print page's URL of document section `section`, if it gets one.
    pub(crate) fn print_url(&self, section: usize) -> Option<String> {
        let sp = self.section_page(section);
        (sp.meta.document && self.renderer.has(TEMPLATE))
            .then(|| self.url(&format!("{}print/", sp.path)))
    }

    /// The print page of document section `section`, if it gets one.
    pub(crate) fn print_job(&self, section: usize) -> Option<Job> {
        let url = self.print_url(section)?;
        let sp = self.section_page(section);
        let print_chapters = self.model.ordered[section]
            .iter()
            .enumerate()
            .filter_map(|(n, &i)| {
                let page = &self.content.pages[i];
                let rendered = self.print.get(&i)?;
                Some(PrintChapterView {
                    number: n + 1,
                    title: page.meta.title.clone(),
                    id: chapter_slug(&page.path).to_owned(),
                    url: self.url(&page.path),
                    // `build` put it aside until now (see `PutAside`).
                    html: self
                        .put_aside
                        .and_then(|b| b.chapter(i))
                        .unwrap_or_else(|| rendered.html.clone()),
                })
            })
            .collect();
        let mut breadcrumbs = self.breadcrumbs(sp);
        breadcrumbs.push(LinkView {
            title: sp.meta.title.clone(),
            url: self.url(&sp.path),
            current: false,
        });
        let lang = sp.lang.as_deref().unwrap_or(&self.config.language);
        let title = self.strings.get(lang, "print_version");
        let view = PageView {
            kind: "print",
            title: title.to_owned(),
            head_title: self.head_title(&[title, &sp.meta.title]),
            description: sp.meta.description.clone(),
            url,
            permalink: format!("{}{}print/", self.config.base_url, sp.path),
            date: sp.meta.date.map(crate::render::views::DateView::new),
            updated: sp.meta.updated.map(crate::render::views::DateView::new),
            changes: crate::render::views::ChangeView::list(&sp.meta.changes),
            breadcrumbs,
            document: Some(self.document_view(section, None)),
            print_chapters,
            source: sp.file.display().to_string(),
            ..PageView::default()
        };
        Some(Job {
            out: format!("{}print/index.html", sp.path),
            template: TEMPLATE.to_owned(),
            view: Box::new(view),
            source: sp.file.clone(),
        })
    }
}
