package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tripletrec.testing.TestData;

class BuiltinFeaturesTest {
    @Test
    void movieLens100kItemsHaveGenresAndDecade() {
        Path dir = TestData.dataset("ml-100k");
        SideFeatures all = BuiltinFeatures.items("ml-100k", dir, BuiltinFeatures.Kind.ALL);
        assertThat(all.size()).isEqualTo(1682);
        // 1|Toy Story (1995)|01-Jan-1995|...: Animation, Children's, Comedy
        assertThat(all.of("1")).containsOnlyKeys("genre:Animation", "genre:Children's", "genre:Comedy", "decade:1990s");
        SideFeatures genres = BuiltinFeatures.items("ml-100k", dir, BuiltinFeatures.Kind.GENRES);
        assertThat(genres.of("1")).containsOnlyKeys("genre:Animation", "genre:Children's", "genre:Comedy");
        assertThat(genres.vocabulary()).hasSize(19);
    }

    @Test
    void movieLens100kUsersHaveAgeBandGenderAndOccupation() {
        SideFeatures users = BuiltinFeatures.users("ml-100k", TestData.dataset("ml-100k"));
        assertThat(users.size()).isEqualTo(943);
        // 1|24|M|technician|85711
        assertThat(users.of("1")).containsOnlyKeys("age:18-24", "gender:M", "occupation:technician");
        assertThat(BuiltinFeatures.ageBand(17)).isEqualTo("under-18");
        assertThat(BuiltinFeatures.ageBand(56)).isEqualTo("56+");
        assertThat(BuiltinFeatures.ageBand(45)).isEqualTo("45-49");
    }

    @Test
    void movieLensCsvItemsHaveGenresAndTheDecadeOfTheTitleYear() {
        SideFeatures items = BuiltinFeatures.items("ml-latest-small", TestData.dataset("ml-latest-small"),
                BuiltinFeatures.Kind.ALL);
        // 1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
        assertThat(items.of("1")).containsOnlyKeys("genre:Adventure", "genre:Animation", "genre:Children",
                "genre:Comedy", "genre:Fantasy", "decade:1990s");
        assertThat(items.vocabulary()).doesNotContain("genre:(no genres listed)");
    }
}
