//! Walking comrak's tree without recursion: the nodes a pass works on, collected
//! first so that the pass can move or replace them.
//!
//! Part of `markdown`; every pass uses it.

use comrak::Arena;
use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};

/// The nodes under `root` (itself included) whose value passes `keep`, collected
/// first so that a pass can move or replace them while it walks the list.
pub(crate) fn nodes_where<'a>(
    root: &'a AstNode<'a>,
    keep: impl Fn(&NodeValue) -> bool,
) -> Vec<&'a AstNode<'a>> {
    root.descendants()
        .filter(|n| keep(&n.data().value))
        .collect()
}

/// The nodes under `root` (itself excluded) whose value passes `keep` and that
/// have no ancestor below `root` whose value passes `inside`. One walk with a
/// depth count, not a climb to the root from each node: nesting is as deep as
/// the author types it, and the climb would be quadratic. (`survey` lists the
/// text `<abbr>` may go in this way as it walks; this is its tests' reference.)
#[cfg(test)]
pub(crate) fn nodes_outside<'a>(
    root: &'a AstNode<'a>,
    keep: impl Fn(&NodeValue) -> bool,
    inside: impl Fn(&NodeValue) -> bool,
) -> Vec<&'a AstNode<'a>> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) if !std::ptr::eq(node, root) => {
                let value = &node.data().value;
                if depth == 0 && keep(value) {
                    found.push(node);
                }
                if inside(value) {
                    depth += 1;
                }
            }
            NodeEdge::End(node) if !std::ptr::eq(node, root) && inside(&node.data().value) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    found
}

/// A copy of the tree under `root` in `arena`, node for node, without recursion:
/// what a second rendering of the same page starts from instead of parsing again.
pub(crate) fn copy_tree<'a, 'b>(root: &'a AstNode<'a>, arena: &'b Arena<'b>) -> &'b AstNode<'b> {
    let copy =
        |node: &'a AstNode<'a>| -> &'b AstNode<'b> { arena.alloc(node.data().clone().into()) };
    let new_root = copy(root);
    let mut parents = vec![new_root];
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) if !std::ptr::eq(node, root) => {
                let new = copy(node);
                if let Some(parent) = parents.last() {
                    parent.append(new);
                }
                parents.push(new);
            }
            NodeEdge::End(node) if !std::ptr::eq(node, root) => {
                parents.pop();
            }
            _ => {}
        }
    }
    new_root
}
