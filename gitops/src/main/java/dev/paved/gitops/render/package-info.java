/**
 * Render: every app of a repository revision rendered for every environment it is deployed to, into
 * the files main must hold — manifests, Backstage entities and Argo CD Applications. Main is
 * consistent when its rendered files equal what this produces from its intent.
 */
package dev.paved.gitops.render;
