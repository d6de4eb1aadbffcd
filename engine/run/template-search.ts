// Where a template file's `{% include %}` names are found: the search path Ansible's template action and template
// lookup give Jinja2's loader (plugins/action/template.py, plugins/lookup/template.py), each directory's templates/
// before the directory itself.
import { dirname } from 'node:path';
import { withTemplatesDirs } from '../template/include.js';
import type { TemplateFiles } from '../template/index.js';
import type { SearchPlace } from './lookup-plugin.js';

/** The template module: ansible_search_path, the playbook's directory, then the template's own directory. */
export function templateActionFiles(place: SearchPlace, path: string): TemplateFiles {
  return { path, searchPath: withTemplatesDirs([...place.paths, place.playbookDir, dirname(path)]) };
}

/** The template lookup: the template's own directory first, then ansible_search_path. */
export function templateLookupFiles(place: SearchPlace, path: string): TemplateFiles {
  return { path, searchPath: [dirname(path), ...withTemplatesDirs(place.paths)] };
}
