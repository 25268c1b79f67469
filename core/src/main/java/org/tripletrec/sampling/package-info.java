/**
 * How training triplets (user, preferred item, less preferred item) are drawn: this is where explicit dislikes
 * enter. {@link org.tripletrec.sampling.Samplers} builds them from a spec string.
 */
package org.tripletrec.sampling;
