/** Using a trained model: top-k recommendations with filters, batch recommendation, similar items. */
package org.tripletrec.recommend;
