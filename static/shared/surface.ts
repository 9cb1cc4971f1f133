/** The raised surface cards and figure tiles sit on: one look for every page, light and dark. */
import { xcss } from '@atlaskit/primitives';

export const raisedSurfaceStyles = xcss({
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.raised',
  borderRadius: 'radius.medium',
});
